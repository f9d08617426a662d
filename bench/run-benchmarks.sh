#!/usr/bin/env bash
# Runs the JMH benchmarks and writes bench/RESULTS.md (raw JMH JSON: bench/target/jmh-result.json).
# Usage: bench/run-benchmarks.sh [--quick] [extra JMH arguments, e.g. a benchmark regex]
#   full run: about 15 minutes on 2 cores.
#   --quick: a smoke test of every benchmark class (one model, one layer, 2 threads, short
#   iterations) in about two minutes; writes bench/target/RESULTS-quick.md, not bench/RESULTS.md.
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
rm -rf bench/target/home "$json"

jvm_flags="--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED"
cp="bench/target/classes:bench/target/lib/*"
if [[ $mode == quick ]]; then
  jmh_opts=(-f 1 -wi 1 -w 1s -i 2 -r 1s
    -p threads=2 -p model=fr_feature -p layer=fr_feature.Conv_4 -p rows=1000000)
else
  jmh_opts=(-f 1 -wi 3 -w 2s -i 5 -r 1s)
fi
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
# -foe: a failed setup (outputs disagreeing with ONNX Runtime, a kernel disagreeing with the
# reference) stops the run instead of leaving a hole in the table.
"$JAVA_HOME/bin/java" $jvm_flags -cp "$cp" org.openjdk.jmh.Main \
  -foe true -prof gc -rf json -rff "$json" \
  -jvmArgsAppend "$jvm_flags -Xmx6g" "${jmh_opts[@]}" "$@"
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

note="$mode mode (JMH ${jmh_opts[*]:0:10}); load average before $load_before, after $load_after"
"$JAVA_HOME/bin/java" $jvm_flags -cp "$cp" io.jdeepface.bench.ResultsFormatter \
  "$json" "$results" "$note"
