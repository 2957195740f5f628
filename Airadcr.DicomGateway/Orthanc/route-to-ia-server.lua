-- AIRADCR routing for Orthanc: forward every stable study to the AIRADCR gateway (DICOM modality "IA_SERVER").
-- Instances that came from the gateway itself (its AI SR and PDF, RemoteAET = IA_SERVER) are not sent back, and an
-- instance already forwarded is not forwarded again: a study that becomes stable again (AIRADCR's results arrived, a
-- late image) sends only what the gateway has not had, and nothing when that is nothing.
-- The forwarded set lives as long as Orthanc runs; after a restart a study may be sent once more, and the gateway keeps
-- the first copy of each instance without analysing the study again (only new instances reopen a study).
-- Orthanc settings: "LuaScripts": ["route-to-ia-server.lua"], "DicomModalities": {"IA_SERVER": [AET, host, port]}.

local gatewayModality = 'IA_SERVER'
local forwarded = {}

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
  end
end
