#!/usr/bin/env bash
# Measures `mlkatas watch` save→verdict latency: N saves alternating a correct and a wrong solution of a kata, in a
# throwaway copy of the kata (your katas/ and history are not touched). Prints every latency and the median.
# Usage: benchmarks/scripts/watch-latency.sh [kata] [saves] [mutant-file]     (build first: dotnet build src/MlKatas.Cli)
set -euo pipefail
cd "$(dirname "$0")/../.."
kata=${1:-k-means}; saves=${2:-21}
mutant=${3:-$(ls tests/MlKatas.Tests/Mutants/"$kata"/*.cs | while read -r f; do head -1 "$f" | grep -q WrongAnswer && echo "$f" && break; done)}
dll=$(ls src/MlKatas.Cli/bin/Debug/net10.0/*/mlkatas.dll | head -1)
tmp=$(mktemp -d); trap 'kill "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
mkdir -p "$tmp/katas" "$tmp/graders" "$tmp/home"
touch "$tmp/MlKatas.sln"; cp katas/GlobalUsings.cs "$tmp/katas/"
cp -r "katas/$kata" "$tmp/katas/"; cp -r "graders/$kata" "$tmp/graders/"
cp "graders/$kata/Stub.cs" "$tmp/katas/$kata/Solution.cs"
export MLKATAS_ROOT="$tmp" MLKATAS_HOME="$tmp/home"
dotnet "$dll" watch "$kata" --no-timing > "$tmp/watch.out" 2>&1 & pid=$!
# wait for the warm worker's first grading (the stub) before saving
for _ in $(seq 1 120); do grep -q "NotAttempted" "$tmp/watch.out" && break; sleep 0.5; done
for i in $(seq 1 "$saves"); do
  if (( i % 2 )); then src="graders/$kata/Reference.cs"; else src="$mutant"; fi
  { cat "$src"; echo "// save $i"; } > "$tmp/katas/$kata/Solution.cs.new"
  mv "$tmp/katas/$kata/Solution.cs.new" "$tmp/katas/$kata/Solution.cs"
  for _ in $(seq 1 100); do [ "$(grep -c 'after the save' "$tmp/watch.out")" -ge "$i" ] && break; sleep 0.1; done
  sleep 0.5
done
grep -o 'verdict [0-9.]* s after the save (grading [0-9.]* s)' "$tmp/watch.out" > "$tmp/lines"; awk "{print \$2}" "$tmp/lines" > "$tmp/lat"; awk "{print \$8}" "$tmp/lines" | tr -d ")" | tr "\n" " " && echo "(grading seconds)"
echo "save→verdict seconds ($kata, $(wc -l < "$tmp/lat") saves): $(tr '\n' ' ' < "$tmp/lat")"
sort -n "$tmp/lat" | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "median %.2f s, min %.2f s, max %.2f s\n", m, a[1], a[NR]}'
