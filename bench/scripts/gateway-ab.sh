#!/bin/bash
# Interleaved A/B of gateway builds on a shared machine: for each round, each build in turn is started fresh
# (embedded mode, fresh storage, warmed up with 8 instances), then 200 files are sent by 1 storescu and by 4 in
# parallel. Prints files/s, the gateway's CPU time per file (user+system, from /proc) and its mean group commit
# (fsyncs + index transaction, from /metrics; warm-up included) for each run.
# Usage: bench/scripts/gateway-ab.sh ROUNDS FILES_DIR WARMUP_DIR DLL...
#   e.g. bench/scripts/gateway-ab.sh 4 /tmp/airadcr-bench-ct200 /tmp/airadcr-bench-ct200-warmup /tmp/base/Airadcr.DicomGateway.dll \
#        Airadcr.DicomGateway/bin/Release/net10.0/linux-x64/Airadcr.DicomGateway.dll
# (the folders as made by bench/Airadcr.Dicom.Network.Bench; copy a build elsewhere before rebuilding to compare it)
set -u
rounds=$1; files_dir=$2; warm_dir=$3; shift 3
files=("$files_dir"/*.dcm); warm=("$warm_dir"/*.dcm); count=${#files[@]}; quarter=$((count / 4))
export TCP_NODELAY=1
wait_senders() { for p in "$@"; do wait "$p"; done; }
run() { # dll associations
    local dir; dir=$(mktemp -d /tmp/gateway-ab-XXXX)
    local dicom=$((20000 + RANDOM % 20000)); local http=$((dicom + 7))
    Gateway__Port=$dicom Gateway__StoragePath=$dir/storage Gateway__StableSeconds=3600 Logging__LogLevel__Default=Warning \
        ASPNETCORE_URLS=http://127.0.0.1:$http ASPNETCORE_ENVIRONMENT=Production dotnet "$1" > "$dir/log" 2>&1 &
    local gateway=$!
    for _ in $(seq 300); do echoscu -aec IA_SERVER 127.0.0.1 $dicom 2>/dev/null && break; sleep 0.1; done
    storescu -aec IA_SERVER 127.0.0.1 $dicom "${warm[@]:0:4}"
    local senders=(); for f in "${warm[@]:4}"; do storescu -aec IA_SERVER 127.0.0.1 $dicom "$f" & senders+=($!); done; wait_senders "${senders[@]}"
    local cpu0; cpu0=$(awk '{print $14 + $15}' /proc/$gateway/stat); local start; start=$(date +%s.%N)
    senders=()
    if [ "$2" = 1 ]; then storescu -aec IA_SERVER 127.0.0.1 $dicom "${files[@]}"
    else for k in 0 1 2 3; do storescu -aec IA_SERVER 127.0.0.1 $dicom "${files[@]:$((k * quarter)):$quarter}" & senders+=($!); done; wait_senders "${senders[@]}"; fi
    local end; end=$(date +%s.%N); local cpu1; cpu1=$(awk '{print $14 + $15}' /proc/$gateway/stat)
    local commit; commit=$(curl -s "http://127.0.0.1:$http/metrics" | awk '/^airadcr_gateway_group_commit_duration_seconds_sum/ {s = $2}
        /^airadcr_gateway_group_commit_duration_seconds_count/ {c = $2} /^airadcr_gateway_group_commit_instances_sum/ {n = $2}
        END {if (c > 0) printf "group commit %.1f ms, %.2f instances per batch", s * 1000 / c, n / c; else print "no group commit metrics"}')
    if ! kill $gateway 2>/dev/null; then echo "gateway $1 stopped on its own; its log:"; tail -20 "$dir/log"; fi; wait $gateway 2>/dev/null
    local stored; stored=$(find "$dir/storage" -name '*.dcm' | wc -l); rm -rf "$dir"
    python3 -c "import sys; print(f'{sys.argv[1]} assoc={sys.argv[2]} {$count / ($end - $start):.0f} files/s, cpu {($cpu1 - $cpu0) * 1e6 / $(getconf CLK_TCK) / $count:.0f} us/file, {sys.argv[3]} files stored, {sys.argv[4]}')" "$1" "$2" "$stored" "$commit"
}
for _ in $(seq "$rounds"); do
    for dll in "$@"; do run "$dll" 1; run "$dll" 4; done
done
