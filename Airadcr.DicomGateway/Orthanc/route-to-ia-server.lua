-- AIRADCR routing for Orthanc: forward every stable study to the AIRADCR gateway (DICOM modality "IA_SERVER").
-- Instances that came from the gateway itself (its AI SR and PDF, RemoteAET = IA_SERVER) are not sent back, and an
-- instance already forwarded is not forwarded again: a study that becomes stable again (AIRADCR's results arrived, a
-- late image) sends only what the gateway has not had, and nothing when that is nothing.
-- The forwarded set lives as long as Orthanc runs; after a restart a study may be sent once more, and the gateway keeps
-- the first copy of each instance without analysing the study again (only new instances reopen a study).
-- Once a study's C-STORE succeeded, the gateway's HTTP API is told that the whole study has been sent, so it analyses
-- the study at once instead of waiting for its own stability window (when that call fails, the window still applies).
-- Orthanc settings: "LuaScripts": ["route-to-ia-server.lua"], "DicomModalities": {"IA_SERVER": [AET, host, port]},
-- and optionally "Airadcr": {"GatewayUrl": "http://127.0.0.1:5080", "GatewayAdminKey": "..."} (the gateway's
-- Gateway:AdminKey; without one the gateway accepts the call from its own host only).

local gatewayModality = 'IA_SERVER'
local forwarded = {}
local settings = GetOrthancConfiguration()['Airadcr'] or {}

local function AnnounceStudySent(studyInstanceUid)
  local url = settings['GatewayUrl']
  if url == nil or url == '' or studyInstanceUid == nil then
    return
  end
  local headers = { ['Content-Type'] = 'application/json' }
  if settings['GatewayAdminKey'] ~= nil then
    headers['X-Admin-Key'] = settings['GatewayAdminKey']
  end
  local ok, failure = pcall(HttpPost, url .. '/admin/studies/complete',
    DumpJson({ StudyInstanceUid = studyInstanceUid }, true), headers)
  if not ok then
    print('AIRADCR: the gateway was not told that the study was sent (' .. tostring(failure) .. ')')
  end
end

function OnStableStudy(studyId, tags, metadata)
  local instances = ParseJson(RestApiGet('/studies/' .. studyId .. '/instances'))
  local toSend = {}
  for _, instance in ipairs(instances) do
    local id = instance['ID']
    if not forwarded[id] then
      local origin = ParseJson(RestApiGet('/instances/' .. id .. '/metadata?expand'))
      if origin['RemoteAET'] ~= gatewayModality then
        table.insert(toSend, id)
      end
    end
  end
  if #toSend > 0 then
    -- A failed store raises an error: nothing is marked, the next stable event tries again.
    RestApiPost('/modalities/' .. gatewayModality .. '/store', DumpJson(toSend, true))
    for _, id in ipairs(toSend) do
      forwarded[id] = true
    end
    print('AIRADCR: study ' .. studyId .. ' sent to ' .. gatewayModality .. ' (' .. #toSend .. ' instances)')
    AnnounceStudySent(tags['StudyInstanceUID'])
  end
end
