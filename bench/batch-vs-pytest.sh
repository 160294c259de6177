#!/usr/bin/env bash
# Class grading side by side (issue #17, target 3): `sprout grade --batch --jobs J` with this
# checkout's jar, an older jar if given, and pytest per submission J at a time (the way the
# Exercism and GitHub Classroom Python runners grade: one pytest process per submission, no
# sandbox), all on the same generated class of the 20-case `functions` exercise, interleaved run
# by run so each sees the same machine load. Prints a table with submissions/s, the CPU of the
# whole process tree per submission, the batch JVM's peak memory and the load average, then the
# ratios, and checks that every submission got the same pass/fail from each.
#
# Usage: bench/batch-vs-pytest.sh [SUBMISSIONS] [RUNS] [OLD_JAR] [JOBS]
#   SUBMISSIONS  class size (default 200); RUNS rounds (default 2); OLD_JAR e.g. main's target/sprout.jar
#   SKIP_PYTEST=1 leaves pytest out (for a large class: 4,000 pytest runs take a while)
# CPU is read from a cpuacct cgroup made for each run (as root, cgroup v1 or v2); elsewhere from
# time(1), which misses what runs inside bwrap's pid namespace. Peak memory: the batch JVM's VmHWM
# (sandboxes come and go; the JVM is what could grow with the class).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size="${1:-200}"
runs="${2:-2}"
old="${3:-}"
jobs="${4:-2}"
new="${SPROUT_JAR:-$here/target/sprout.jar}"
python=/usr/bin/python3
java="${JAVA:-java}"
# the flags ./sprout gives `grade`
flags=(-Xms256m -Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData)
work="$(mktemp -d "${TMPDIR:-/tmp}/sprout-batch-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
python3 "$here/bench/make_cohort.py" --only functions "$work/class" "$size"
tests="$here/bench/test_functions_pytest.py"

cgroup_new() { # prints a fresh cgroup dir holding CPU accounting, or nothing
  local base
  for base in /sys/fs/cgroup/cpuacct /sys/fs/cgroup; do
    if [ -w "$base" ] && mkdir "$base/sprout-bench-$$-$1" 2>/dev/null; then
      echo "$base/sprout-bench-$$-$1"
      return
    fi
  done
}
cgroup_cpu_ns() { # total CPU ns of a cgroup (v1 cpuacct.usage, v2 cpu.stat usage_usec)
  if [ -f "$1/cpuacct.usage" ]; then cat "$1/cpuacct.usage"; else awk '/^usage_usec/{print $2*1000}' "$1/cpu.stat"; fi
}

# measure LABEL CMD...: runs CMD in its own cgroup; appends "label wall_s cpu_s peak_kib load" to $work/rows
measure() {
  local label="$1" cg load start end cpu peak=0 pid jpid
  shift
  load=$(cut -d' ' -f1 /proc/loadavg)
  cg="$(cgroup_new "$label-$RANDOM")"
  start=$(date +%s%N)
  (
    [ -n "$cg" ] && echo "$BASHPID" >"$cg/cgroup.procs"
    exec /usr/bin/time -f "%U %S" -o "$work/time" "$@" >/dev/null 2>"$work/err"
  ) &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    jpid=$(pgrep -x java -P "$pid" 2>/dev/null | head -n1 || true)
    if [ -n "$jpid" ]; then
      h=$(awk '/VmHWM/{print $2}' "/proc/$jpid/status" 2>/dev/null || true)
      [ -n "$h" ] && [ "$h" -gt "$peak" ] && peak=$h
    fi
    sleep 0.05
  done
  wait "$pid" || true
  end=$(date +%s%N)
  if [ -n "$cg" ]; then
    cpu=$(python3 -c "print($(cgroup_cpu_ns "$cg") / 1e9)")
    rmdir "$cg" 2>/dev/null || true
  else
    cpu=$(awk '{print $1 + $2}' "$work/time")
  fi
  echo "$label $(python3 -c "print(($end - $start) / 1e9)") $cpu $peak $load" >>"$work/rows"
}

# the pytest peer: pass/fail per submission, JOBS at a time, into $1
pytest_each='find "$0/class" -name functions.py | sort | xargs -P "$1" -I{} sh -c '"'"'
  if FUNCTIONS_PY="$1" "$2" -m pytest -q -p no:cacheprovider "$3" >/dev/null 2>&1; then r=pass; else r=fail; fi
  echo "$(echo "$1" | sed "s|.*/class/\([^/]*\)/.*|\1|"),$r"'"'"' _ {} "$2" "$3" | sort >"$4"'

echo "class: $size submissions of functions (20 cases); --jobs $jobs; $(nproc) cores; java: $("$java" -version 2>&1 | head -n1)"
for run in $(seq "$runs"); do
  if [ -n "$old" ]; then
    measure old "$java" "${flags[@]}" -jar "$old" grade --batch "$work/class" --pack "$here" --python "$python" \
      --sandbox bwrap --jobs "$jobs" -f csv="$work/old.csv"
  fi
  measure new "$java" "${flags[@]}" -jar "$new" grade --batch "$work/class" --pack "$here" --python "$python" \
    --sandbox bwrap --jobs "$jobs" -f csv="$work/new.csv"
  if [ -z "${SKIP_PYTEST:-}" ]; then
    measure pytest bash -c "$pytest_each" "$work" "$jobs" "$python" "$tests" "$work/pytest.txt"
  fi
done

# pass/fail: sprout's status column (pass, or fail/error) against pytest's exit status
verdicts() { tail -n +2 "$1" | awk -F, '{print $1 "," ($3 == "pass" ? "pass" : "fail")}' | sort; }
verdicts "$work/new.csv" >"$work/new.pf"
same="pass/fail:"
if [ -n "$old" ]; then
  verdicts "$work/old.csv" >"$work/old.pf"
  cmp -s "$work/old.pf" "$work/new.pf" && same="$same old = new;" || same="$same OLD AND NEW DIFFER;"
fi
if [ -z "${SKIP_PYTEST:-}" ]; then
  cmp -s "$work/pytest.txt" "$work/new.pf" && same="$same pytest = sprout" || {
    same="$same PYTEST AND SPROUT DIFFER:"
    diff "$work/pytest.txt" "$work/new.pf" | head -n 10 >&2 || true
  }
fi
echo "$same ($(grep -c ',pass$' "$work/new.pf") of $size pass)"

python3 - "$work/rows" "$size" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
n = int(sys.argv[2])
by = {}
for label, wall, cpu, peak, load in rows:
    by.setdefault(label, []).append((float(wall), float(cpu), int(peak), float(load)))
print("| what | submissions/s (each run) | median wall s | CPU ms per submission | batch JVM peak RSS MiB | load before |")
print("|---|---|---|---|---|---|")
med = {}
for label in ("old", "new", "pytest"):
    if label not in by:
        continue
    r = by[label]
    rates = [n / w for w, _, _, _ in r]
    med[label] = statistics.median(rates)
    peak = max(p for _, _, p, _ in r)
    print("| %s | %s | %.1f | %.0f | %s | %s |" % (
        {"old": "sprout (old jar)", "new": "sprout (this jar)", "pytest": "pytest per submission"}[label],
        " · ".join("%.1f" % x for x in rates), statistics.median(w for w, _, _, _ in r),
        statistics.median(c for _, c, _, _ in r) * 1000 / n, "%.0f" % (peak / 1024) if peak else "-",
        "–".join(sorted({"%.1f" % l for *_, l in r}, key=float))))
if "old" in med:
    print("this jar / old jar: %.2f× the throughput" % (med["new"] / med["old"]))
if "pytest" in med:
    print("this jar / pytest per submission: %.2f× the throughput" % (med["new"] / med["pytest"]))
EOF
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
