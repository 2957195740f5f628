#!/usr/bin/env bash
# Coverage-guided fuzzing with AFL++ (Debian's afl++) over SharpFuzz-instrumented assemblies.
#   eng/fuzz.sh TARGET SECONDS   one target (part10, deflate, pixels, pdu, json), e.g. eng/fuzz.sh part10 3600
#   eng/fuzz.sh all SECONDS      every target SECONDS each (eng/test.sh runs `all 25`)
# Seeds: tests/Airadcr.Fuzzing/corpus/TARGET/. Findings: artifacts/fuzz/TARGET/default/{crashes,hangs,queue}/.
# Closes with "fuzz: N passed, N failed" (one per target; failed = AFL++ found a crash or a hang, or could not run).
# FUZZ_CONFIGURATION (Release) picks the build; FUZZ_TIMEOUT_MS (10000) is AFL++'s hang limit per input.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

targets=(part10 deflate pixels pdu json)
if [ $# -ne 2 ] || ! [[ "$2" =~ ^[0-9]+$ ]] || { [ "$1" != all ] && [[ ! " ${targets[*]} " =~ " $1 " ]]; }; then
  echo "usage: eng/fuzz.sh {all|${targets[*]// /|}} SECONDS" >&2
  exit 2
fi
if [ "$1" != all ]; then targets=("$1"); fi
seconds=$2
configuration=${FUZZ_CONFIGURATION:-Release}
out=artifacts/fuzz
bin=$out/bin
mkdir -p "$out"

fail() { echo "fuzz: $1"; echo "fuzz: 0 passed, ${#targets[@]} failed"; exit 1; }
command -v afl-fuzz >/dev/null || fail "afl-fuzz not found: run eng/install-deps.sh (Debian package afl++)"

# Build, then instrument copies of the assemblies under test (the build output itself stays plain).
dotnet build tests/Airadcr.Fuzzing -c "$configuration" -nologo -v q -clp:NoSummary >"$out.build.log" 2>&1 \
  || { cat "$out.build.log"; fail "build failed"; }
dotnet tool restore >/dev/null || fail "dotnet tool restore failed (SharpFuzz.CommandLine)"
rm -rf "$bin" && mkdir -p "$bin"
cp -r "tests/Airadcr.Fuzzing/bin/$configuration/net10.0/." "$bin/"
for assembly in Airadcr.Dicom Airadcr.ReportApi; do
  dotnet tool run sharpfuzz "$bin/$assembly.dll" >/dev/null || fail "sharpfuzz could not instrument $assembly.dll"
done

# A container has no CPU governor to pin and may pipe core dumps elsewhere; AFL++ runs without its UI.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
  AFL_FAST_CAL=1 AFL_NO_CRASH_README=1 AFL_FORKSRV_INIT_TMOUT=60000
passed=0
failed=0
for target in "${targets[@]}"; do
  findings=$out/$target
  rm -rf "$findings"
  # -V stops AFL++ after SECONDS; the outer timeout bounds start-up and calibration too.
  timeout -k 10 $((seconds + 60)) afl-fuzz -i "tests/Airadcr.Fuzzing/corpus/$target" -o "$findings" -V "$seconds" \
    -t "${FUZZ_TIMEOUT_MS:-10000}" -m none -- dotnet "$bin/Airadcr.Fuzzing.dll" "$target" >"$findings.log" 2>&1
  status=$?
  stats=$findings/default/fuzzer_stats
  found=$(find "$findings/default/crashes" "$findings/default/hangs" -type f -name 'id:*' 2>/dev/null | sort)
  if [ ! -f "$stats" ]; then
    tail -30 "$findings.log"
    echo "fuzz $target: AFL++ did not run (exit $status), log in $findings.log"
    failed=$((failed + 1))
  elif [ -n "$found" ]; then
    echo "fuzz $target: AFL++ found $(echo "$found" | wc -l) crashing or hanging input(s):"
    for input in $found; do
      echo "  $input"
      echo "    replay: dotnet tests/Airadcr.Fuzzing/bin/$configuration/net10.0/Airadcr.Fuzzing.dll $target '$input'"
    done
    failed=$((failed + 1))
  else
    echo "fuzz $target: no crash or hang in $(awk -F': ' '/^execs_done/ {print $2}' "$stats") executions," \
      "$(awk -F': ' '/^corpus_count/ {print $2}' "$stats") inputs in the queue ($findings)"
    passed=$((passed + 1))
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
