#!/usr/bin/env bash
# Whole-process latency of `mlkatas check <kata>` as a learner runs it, side by side in one run, interleaved:
#   before     — the compiler from the NuGet package (IL, JIT-compiled in every process) and the grading process
#                started when the grading starts (MLKATAS_PRESTART=off): the behaviour before 2026-11-27 (session 8);
#   sdk-roslyn — the SDK's precompiled compiler in the output (Directory.Build.targets), worker started late;
#   now        — both that and the worker prestarted before argument parsing (the default).
# Each twice: on a file graded before (the compile cache holds it) and on a just-edited file (a new comment, so the
# runner compiles it). Optionally (--dotnet-test) also `dotnet test --project graders/Tests --filter-trait Kata=<kata>`,
# the self-grading route, on the same file. Runs in a throwaway copy of the kata (MLKATAS_ROOT); your katas/ and history
# are not touched. Prints every wall time and the medians.
# Usage: benchmarks/scripts/check-latency.sh [kata] [rounds] [--dotnet-test]   (build first: dotnet build MlKatas.sln)
set -euo pipefail
cd "$(dirname "$0")/../.."
kata=${1:-softmax}; rounds=${2:-5}; dotnet_test=${3:-}
bin=$(dirname "$(ls src/MlKatas.Cli/bin/Debug/net10.0/*/mlkatas.dll | head -1)")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/root/katas" "$tmp/root/graders" "$tmp/home"
touch "$tmp/root/MlKatas.sln"; cp katas/GlobalUsings.cs "$tmp/root/katas/"
cp -r "katas/$kata" "$tmp/root/katas/"; cp -r "graders/$kata" "$tmp/root/graders/"
cp "graders/$kata/Reference.cs" "$tmp/root/katas/$kata/Solution.cs"
export MLKATAS_ROOT="$tmp/root" MLKATAS_HOME="$tmp/home"
# "before": the same build with the NuGet package's compiler put back
roslyn=$(sed -n 's/.*"Microsoft.CodeAnalysis.CSharp" Version="\([^"]*\)".*/\1/p' Directory.Packages.props)
cp -r "$bin" "$tmp/before"
cp ~/.nuget/packages/microsoft.codeanalysis.csharp/"$roslyn"/lib/net9.0/Microsoft.CodeAnalysis.CSharp.dll \
   ~/.nuget/packages/microsoft.codeanalysis.common/"$roslyn"/lib/net9.0/Microsoft.CodeAnalysis.dll "$tmp/before/"
run() {  # name dir prestart scenario
  local sol="$tmp/root/katas/$kata/Solution.cs"
  if [ "$4" = edited ]; then echo "// edit $RANDOM$RANDOM $1" >> "$sol"; fi
  local t0 t1; t0=$(date +%s.%N)
  MLKATAS_PRESTART=$3 "$2/mlkatas" check "$kata" > "$tmp/out" 2>&1 || { cat "$tmp/out"; exit 1; }
  t1=$(date +%s.%N)
  echo "$1 $4 $(echo "$t1 - $t0" | bc)" | tee -a "$tmp/times"
}
run warmup "$bin" on unchanged > /dev/null
for r in $(seq 1 "$rounds"); do
  for cfg in "before $tmp/before off" "sdk-roslyn $bin off" "now $bin on"; do
    set -- $cfg
    run "$1" "$2" "$3" edited      # a new comment: the runner compiles the file
    run "$1" "$2" "$3" unchanged   # the same file again: its image is in the compile cache
  done
  if [ "$dotnet_test" = --dotnet-test ]; then
    for scenario in edited unchanged; do
      [ "$scenario" = edited ] && echo "// edit $RANDOM$RANDOM dotnet-test" >> "$tmp/root/katas/$kata/Solution.cs"
      t0=$(date +%s.%N)
      dotnet test --project graders/Tests --filter-trait Kata="$kata" > "$tmp/out" 2>&1 || { cat "$tmp/out"; exit 1; }
      t1=$(date +%s.%N); echo "dotnet-test $scenario $(echo "$t1 - $t0" | bc)" | tee -a "$tmp/times"
    done
  fi
done
echo "medians (seconds, $kata, $rounds rounds, load average $(cut -d' ' -f1-3 /proc/loadavg)):"
for k in $(awk '{print $1"/"$2}' "$tmp/times" | sort -u); do
  grep "^${k%/*} ${k#*/} " "$tmp/times" | awk '{print $3}' | sort -n | awk -v k="${k/\// }" \
    '{a[NR]=$1; s=s sprintf(" %.2f", $1)} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "  %-22s median %5.2f  (%s )\n", k, m, s}'
done
