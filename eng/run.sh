#!/usr/bin/env bash
# Runs AIRADCR locally: installs the Debian packages of the servers if missing (eng/install-deps.sh, idempotent), then
# the Aspire AppHost starts the whole graph (PostgreSQL, Redis, Orthanc, ReportApi, gateway, inference, web) with the
# Aspire dashboard. Arguments go to the AppHost (e.g. --fresh, --data DIR, --otlp URL; --help lists them).
set -euo pipefail
cd "$(dirname "$0")/.."
./eng/install-deps.sh
exec dotnet run --project Airadcr.AppHost -- "$@"
