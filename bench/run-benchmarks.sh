#!/usr/bin/env bash
# Runs the JMH benchmarks and writes bench/RESULTS.md (raw JMH JSON: bench/target/jmh-result-*.json).
# Usage: bench/run-benchmarks.sh [--quick] [extra JMH arguments, e.g. a benchmark regex]
#   full run: about 15 minutes on 2 cores.
#   --quick: a smoke test of every benchmark class (one model, one layer, 2 threads, short
#   iterations) in about four minutes; writes bench/target/RESULTS-quick.md, not bench/RESULTS.md.
# Run it on a quiet machine: other processes show up as noise in the error bars.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
source "$repo/bin/lib/jdk.sh"
cd "$repo"

mode=full
results=bench/RESULTS.md
json=bench/target/jmh-result.json
if [[ ${1:-} == --quick ]]; then
  mode=quick
  results=bench/target/RESULTS-quick.md
  json=bench/target/jmh-result-quick.json
  shift
fi

echo "building the bench module..." >&2
if ! "$repo/bin/mvn" -o -q -pl bench -am package -DskipTests >/dev/null 2>&1; then
  "$repo/bin/mvn" -q -pl bench -am package -DskipTests   # online, e.g. for a first JMH download
fi

# Every run converts the models afresh, so it measures the current converter and engine.
rm -rf bench/target/home "${json%.json}"-*.json

jvm_flags="--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED"
cp="bench/target/classes:bench/target/lib/*"
fork_flags=""
# Warm-up and measurement times are set per class by @Warmup/@Measurement; each setup also runs
# the call until the JIT has compiled it (WarmUp.java, at most 40 s per fork).
two_thread_layers=$("$JAVA_HOME/bin/java" $jvm_flags -cp "$cp" io.jdeepface.bench.ResultsFormatter --two-thread-layers)
if [[ $mode == quick ]]; then
  # One model, one layer, 2 threads, short iterations; warm-up capped at 15 s per fork.
  runs=("-wi 1 -w 1s -i 2 -r 1s -p threads=2 -p model=fr_feature -p layer=fr_feature.Conv_4 -p rows=1000000")
  fork_flags="-Djdeepface.bench.warmupMaxSeconds=15"
  expected="about 4 minutes"
elif [[ $# -gt 0 ]]; then
  runs=("")   # the caller's own selection
  expected="depends on the selection"
else
  # Every layer on 1 thread, a few on 2 (KernelBenchmark.TWO_THREAD_LAYERS).
  runs=("-e KernelBenchmark" "KernelBenchmark -p threads=1" "KernelBenchmark -p threads=2 -p layer=$two_thread_layers")
  # 14 model forks warming up for 15-40 s + 14 ORT forks + 11 kernel forks + end to end.
  expected="about 13-16 minutes on 2 cores (longer on a busy machine)"
fi
echo "running the benchmarks ($mode mode): $expected; started $(date -u +%H:%M) UTC" >&2
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
jsons=()
for i in "${!runs[@]}"; do
  part="${json%.json}-$i.json"
  rm -f "$part"
  # -foe: a failed setup (outputs disagreeing with ONNX Runtime, a kernel disagreeing with the
  # reference) stops the run instead of leaving a hole in the table.
  # shellcheck disable=SC2086  # each entry of runs is a list of words
  "$JAVA_HOME/bin/java" $jvm_flags -cp "$cp" org.openjdk.jmh.Main \
    -f 1 -foe true -prof gc -rf json -rff "$part" \
    -jvmArgsAppend "$jvm_flags -Xmx6g $fork_flags" ${runs[$i]} "$@"
  jsons+=("$part")
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
echo "finished $(date -u +%H:%M) UTC" >&2

note="$mode mode (JMH -f 1, per-class @Warmup/@Measurement after a JIT warm-up in setup); load average before $load_before, after $load_after"
"$JAVA_HOME/bin/java" $jvm_flags -cp "$cp" io.jdeepface.bench.ResultsFormatter \
  "$(IFS=,; echo "${jsons[*]}")" "$results" "$note"
