-- AIRADCR routing for Orthanc: forward every stable study to the AIRADCR gateway (DICOM modality "IA_SERVER").
-- Instances that came from the gateway itself (its AI SR and PDF, RemoteAET = IA_SERVER) are not sent back, so a
-- study that becomes stable again after AIRADCR's results arrive is not analysed again.
-- Orthanc settings: "LuaScripts": ["route-to-ia-server.lua"], "DicomModalities": {"IA_SERVER": [AET, host, port]}.

local gatewayModality = 'IA_SERVER'

function OnStableStudy(studyId, tags, metadata)
  local instances = ParseJson(RestApiGet('/studies/' .. studyId .. '/instances'))
  local toSend = {}
  for _, instance in ipairs(instances) do
    local origin = ParseJson(RestApiGet('/instances/' .. instance['ID'] .. '/metadata?expand'))
    if origin['RemoteAET'] ~= gatewayModality then
      table.insert(toSend, instance['ID'])
    end
  end
  if #toSend > 0 then
    RestApiPost('/modalities/' .. gatewayModality .. '/store', DumpJson(toSend, true))
    print('AIRADCR: study ' .. studyId .. ' sent to ' .. gatewayModality .. ' (' .. #toSend .. ' instances)')
  end
end
