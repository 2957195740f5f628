#!/usr/bin/env bash
# Runs AIRADCR locally. Today: the ReportApi (AIRADCR Desktop API v2.0) on http://127.0.0.1:8741 in its embedded
# mode (SQLite, in-memory cache, data under $AIRADCR_DATA_DIR). When the AppHost lands, this starts the whole graph.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f Airadcr.AppHost/Airadcr.AppHost.csproj ]; then
  exec dotnet run --project Airadcr.AppHost -- "$@"
fi
exec dotnet run --project Airadcr.ReportApi -- "$@"
