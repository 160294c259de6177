#!/usr/bin/env bash
# Batch grading throughput (submissions per second) per sandbox tier, for BENCHMARKS.md.
# Usage: bench/batch-throughput.sh [RUNS] [JOBS]   (needs target/sprout.jar: ./sprout --version builds it)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
jobs="${2:-2}"
jar="${SPROUT_JAR:-$here/target/sprout.jar}"
cohort="$(mktemp -d)/cohort"
python3 "$here/bench/make_cohort.py" "$cohort" 200
echo "tier,run,seconds,submissions_per_second,user_cpu_s,sys_cpu_s,load_before"
for tier in bwrap launcher none; do
  for run in $(seq "$runs"); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    start=$(date +%s.%N)
    /usr/bin/time -f "%U %S" -o "$cohort.time" java -jar "$jar" grade --batch "$cohort" --pack "$here" \
      --python /usr/bin/python3 --sandbox "$tier" --jobs "$jobs" -f csv="$cohort.$tier.csv" 2>/dev/null || true
    end=$(date +%s.%N)
    read -r user sys < <(tail -n 1 "$cohort.time")
    python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'$tier,$run,{s:.1f},{200/s:.2f},$user,$sys,$load')" "$start" "$end"
  done
done
cmp "$cohort.bwrap.csv" "$cohort.launcher.csv" && cmp "$cohort.bwrap.csv" "$cohort.none.csv" && echo "verdicts identical across tiers"
