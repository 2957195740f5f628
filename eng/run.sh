#!/usr/bin/env bash
# Runs AIRADCR locally: the AppHost starts the whole graph (PostgreSQL, Redis, Orthanc, ReportApi, gateway, inference,
# web) and prints its resource table. Arguments go to the AppHost (e.g. --fresh, --data DIR, --otlp URL).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f Airadcr.AppHost/Airadcr.AppHost.csproj ]; then
  exec dotnet run --project Airadcr.AppHost -- "$@"
fi
exec dotnet run --project Airadcr.ReportApi -- "$@"
