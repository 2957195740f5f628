-- AIRADCR routing for Orthanc: forward every stable study to the AIRADCR gateway (DICOM modality "IA_SERVER").
-- Instances that came from the gateway itself (its AI SR and PDF, RemoteAET = IA_SERVER) are not sent back, and an
-- instance already announced is not forwarded again: a study that becomes stable again (AIRADCR's results arrived, a
-- late image) sends only what the gateway has not had, and nothing when that is nothing.
-- With the gateway's HTTP API known (the "Airadcr" section below):
--   * each instance is also forwarded as soon as Orthanc has stored it (Orthanc's Lua jobs keep one association open
--     for successive instances), so the gateway already holds the study when Orthanc finds it stable;
--   * the stable study then asks the gateway which of its instances it lacks (POST /admin/instances/missing: a forward
--     that failed, or one still on its way) and sends only those, with Orthanc's REST C-STORE;
--   * once that succeeded, the gateway is told that the whole study has been sent (POST /admin/studies/complete), so it
--     analyses the study at once instead of waiting for its own stability window (when a call fails, the window still
--     applies, and a failed question to the gateway sends the whole study, as without its API).
-- SOP Instance and Study Instance UIDs travel in request bodies, never in URLs.
-- A study whose store failed (the gateway down, or refusing Orthanc) is sent again after the next study that reaches
-- the gateway, or when it becomes stable again.
-- What is known of each instance (and of failed studies) lives as long as Orthanc runs; after a restart a study may be sent once more, and the
-- gateway keeps the first copy of each instance without analysing the study again (only new instances reopen a study).
-- Orthanc settings: "LuaScripts": ["route-to-ia-server.lua"], "DicomModalities": {"IA_SERVER": [AET, host, port]},
-- and optionally "Airadcr": {"GatewayUrl": "http://127.0.0.1:5080", "GatewayAdminKey": "..."} (the gateway's
-- Gateway:AdminKey; without one the gateway accepts the call from its own host only).

local gatewayModality = 'IA_SERVER'
local settings = GetOrthancConfiguration()['Airadcr'] or {}
local gatewayUrl = settings['GatewayUrl']
local gatewayApiKnown = gatewayUrl ~= nil and gatewayUrl ~= ''

-- Per Orthanc instance id: 'gateway' (came from IA_SERVER), 'forwarded' (sent as it was stored, not yet confirmed),
-- 'unsent' (stored before this script ran) or 'announced' (part of a study the gateway was told it has whole).
local known = {}

local function CameFromGateway(metadata)
  return metadata ~= nil and metadata['RemoteAET'] == gatewayModality
end

-- POSTs a JSON body to the gateway's API; the answer's body, or nil when there is no API or the call failed.
local function GatewayPost(path, body)
  if not gatewayApiKnown then
    return nil
  end
  local headers = { ['Content-Type'] = 'application/json' }
  if settings['GatewayAdminKey'] ~= nil then
    headers['X-Admin-Key'] = settings['GatewayAdminKey']
  end
  local ok, answer = pcall(HttpPost, gatewayUrl .. path, DumpJson(body, true), headers)
  if not ok or answer == nil then
    print('AIRADCR: the gateway did not answer ' .. path .. ' (' .. tostring(answer) .. ')')
    return nil
  end
  return answer
end

-- The Orthanc ids, among candidates (SOP Instance UID -> Orthanc id), of the instances the gateway lacks.
local function MissingAtGateway(candidates, uids)
  local missing = {}
  local answer = GatewayPost('/admin/instances/missing', { SopInstanceUids = uids })
  if answer == nil then
    for _, id in pairs(candidates) do
      table.insert(missing, id)
    end
    return missing
  end
  for _, uid in ipairs(ParseJson(answer)['sopInstanceUids'] or {}) do
    table.insert(missing, candidates[uid])
  end
  return missing
end

function OnStoredInstance(instanceId, tags, metadata, origin)
  if CameFromGateway(metadata) then
    known[instanceId] = 'gateway'
  elseif known[instanceId] == nil and gatewayApiKnown then
    known[instanceId] = 'forwarded'
    SendToModality(instanceId, gatewayModality)
  end
end

-- Sends what the gateway lacks of a study, then announces it whole; false when the store failed (gateway down or
-- refusing), and nothing is marked then. A study no longer in Orthanc has nothing to send.
local function ForwardStudy(studyId, studyUid)
  local listed = RestApiGet('/studies/' .. studyId .. '/instances')
  if listed == nil then
    return true
  end
  local candidates = {}
  local uids = {}
  for _, instance in ipairs(ParseJson(listed)) do
    local id = instance['ID']
    if known[id] == nil then
      local stored = ParseJson(RestApiGet('/instances/' .. id .. '/metadata?expand'))
      known[id] = CameFromGateway(stored) and 'gateway' or 'unsent'
    end
    if known[id] == 'forwarded' or known[id] == 'unsent' then
      local uid = instance['MainDicomTags']['SOPInstanceUID']
      candidates[uid] = id
      table.insert(uids, uid)
    end
  end
  if #uids == 0 then
    return true
  end
  local toSend = MissingAtGateway(candidates, uids)
  if #toSend > 0 then
    if RestApiPost('/modalities/' .. gatewayModality .. '/store', DumpJson(toSend, true)) == nil then
      return false -- Orthanc logs the failure and answers nil
    end
  end
  for _, id in pairs(candidates) do
    known[id] = 'announced'
  end
  print('AIRADCR: study ' .. studyId .. ' at ' .. gatewayModality .. ' (' .. #uids .. ' instances, ' .. #toSend .. ' sent now)')
  GatewayPost('/admin/studies/complete', { StudyInstanceUid = studyUid })
  return true
end

-- Stable studies whose store failed (Orthanc id -> Study Instance UID). Orthanc 1.10 gives Lua no timer: they are
-- sent again after the next study that reaches the gateway, oldest failure first, and when they become stable again.
local failed = {}
local failedOrder = {}

local function RetryFailedStudies()
  while #failedOrder > 0 do
    local studyId = failedOrder[1]
    if failed[studyId] ~= nil then
      if not ForwardStudy(studyId, failed[studyId]) then
        return
      end
      print('AIRADCR: study ' .. studyId .. ' sent again after a failed store')
      failed[studyId] = nil
    end
    table.remove(failedOrder, 1)
  end
end

function OnStableStudy(studyId, tags, metadata)
  if ForwardStudy(studyId, tags['StudyInstanceUID']) then
    failed[studyId] = nil
    RetryFailedStudies()
  elseif failed[studyId] == nil then
    failed[studyId] = tags['StudyInstanceUID']
    table.insert(failedOrder, studyId)
  end
end
