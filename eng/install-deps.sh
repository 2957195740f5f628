#!/usr/bin/env bash
# Installs every Debian package that the tests and the local stack need. Idempotent, non-interactive, and fast
# when everything is already there. Never starts system services (the servers are started by the test fixtures
# and the AppHost on free loopback ports, as child processes).
set -euo pipefail

packages=(
  # DICOM peers and validators
  dcmtk dicom3tools libgdcm-tools python3-pydicom
  # PACS and its DICOMweb plugin
  orthanc orthanc-dicomweb
  # Server mode stores
  postgresql redis-server
  # Browser for UI tests; fonts embedded in PDFs
  chromium fonts-dejavu-core
  # The API spec's own Python client (section 5) runs against us in tests
  python3-requests
  # setsid/setpriv used by the fixtures, perl for process tests
  util-linux perl
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

# Keep Debian's maintainer scripts from starting PostgreSQL, Redis or Orthanc as system services.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod 755 "$policy"
  created_policy=1
fi
cleanup() { if [ "$created_policy" -eq 1 ]; then $sudo rm -f "$policy"; fi; }
trap cleanup EXIT

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
for attempt in 1 2 3; do
  if $sudo apt-get update -qq && \
     $sudo apt-get install -y -qq --no-install-recommends -o Dpkg::Use-Pty=0 "${missing[@]}" >/dev/null; then
    echo "install-deps: done"
    exit 0
  fi
  echo "install-deps: attempt $attempt failed, retrying" >&2
  sleep $((attempt * 10))
done
echo "install-deps: could not install ${missing[*]}" >&2
exit 1
