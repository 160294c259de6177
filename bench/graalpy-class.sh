#!/usr/bin/env bash
# A class on GraalPy against the same class on CPython, side by side in one run (issue #17 target 5).
#   bench/graalpy-class.sh [SUBMISSIONS] [VARIANT...]
# Grades a generated class (bench/make_cohort.py: the functions and loops exercises, reference
# solutions, known-bad submissions, a syntax error, a crash on import) with `grade --batch --jobs 2`
# on CPython, then on GraalPy once per VARIANT (default: jdk17 jdk25 jdk25-optimizing), each from a
# cold start (the worker JVMs are part of the class's time), then times a cold one-shot
# `sprout submit functions` per engine and variant. Prints seconds, the ratio to CPython, the load
# average before each run, and checks that every variant gave CPython's verdicts.
#   VARIANT: jdkNN (the worker on /usr/lib/jvm's JDK NN, interpreted), jdkNN-optimizing
#   (Truffle's optimizing runtime: SPROUT_GRAALPY_RUNTIME=optimizing) or jdkNN-nocache (JDK 25+:
#   interpreted, its start-up cache set aside for the run). The start-up caches are trained before
#   anything is timed (a throw-away submit per JDK), so no run pays for training.
# Needs `mvn -Pgraalpy package` (target/sprout-graalpy.jar, graalpy-lib/, graalpy-compiler/).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size="${1:-40}"
shift || true
variants=("$@")
[ "${#variants[@]}" -gt 0 ] || variants=(jdk17 jdk25 jdk25-optimizing)
python=/usr/bin/python3
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$here/bench/make_cohort.py" "$work/class" "$size" 0 03-functions,05-loops
sprout="$here/sprout"
# one-shot JVMs, as the issue measures them: no warm server started or asked
export SPROUT_DAEMON=off

jdk_home() {
  local n="$1" home
  for home in /usr/lib/jvm/*; do
    if [ -f "$home/release" ] && grep -q "^JAVA_VERSION=\"$n[.\"]" "$home/release"; then
      echo "$home"
      return
    fi
  done
  echo "no JDK $n in /usr/lib/jvm" >&2
  exit 2
}

# runs "$@" with the variant's environment; prints seconds
timed() {
  local start end
  start=$(date +%s.%N)
  "$@" >"$work/out" 2>&1 || true
  end=$(date +%s.%N)
  python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$start" "$end"
}

with_variant() {
  local variant="$1"
  shift
  if [ "$variant" = cpython ]; then
    env SPROUT_PYTHON="$python" "$@"
    return
  fi
  local jdk="${variant%%-*}" runtime=interpreter status=0
  [ "$variant" != "${variant%-optimizing}" ] && runtime=optimizing
  local cache="$here/target/graalpy-worker-$jdk.aot"
  if [ "$variant" != "${variant%-nocache}" ] && [ -f "$cache" ]; then
    # aside for this run; the marker stops sprout from training another meanwhile
    mv "$cache" "$work/aside.aot" && touch "$cache.failed"
    env SPROUT_GRAALPY_JAVA_HOME="$(jdk_home "${jdk#jdk}")" SPROUT_GRAALPY_RUNTIME="$runtime" "$@" || status=$?
    rm -f "$cache.failed" && mv "$work/aside.aot" "$cache"
    return "$status"
  fi
  env SPROUT_GRAALPY_JAVA_HOME="$(jdk_home "${jdk#jdk}")" SPROUT_GRAALPY_RUNTIME="$runtime" "$@"
}

"$sprout" --version >/dev/null
# train each JDK's start-up cache now (once per build), so that no timed run pays for it
(cd "$work" && "$sprout" init warm --no-git >/dev/null 2>&1)
for variant in "${variants[@]}"; do
  case "$variant" in
    *-optimizing | *-nocache) ;;
    *) (cd "$work/warm" && with_variant "$variant" "$sprout" submit hello-input --engine graalpy >/dev/null 2>&1) || true ;;
  esac
done
echo "| what | engine (worker) | seconds | ratio to CPython | load before |"
echo "|---|---|---|---|---|"
base=""
for variant in cpython "${variants[@]}"; do
  engine=graalpy
  [ "$variant" = cpython ] && engine=cpython
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  s=$(timed with_variant "$variant" "$sprout" grade --batch "$work/class" --pack "$here" --engine "$engine" \
    --jobs 2 -f csv="$work/$variant.csv")
  tail -n 1 "$work/out" | grep -q graded || { cat "$work/out" >&2; exit 1; }
  [ -n "$base" ] || base="$s"
  ratio=$(python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.1f}×')" "$s" "$base")
  echo "| class of $size (grade --batch --jobs 2) | $variant | $s | $ratio | $load |"
  if [ "$variant" != cpython ] && ! cmp -s "$work/cpython.csv" "$work/$variant.csv"; then
    echo "verdicts differ from CPython's for $variant:" >&2
    diff "$work/cpython.csv" "$work/$variant.csv" >&2 || true
  fi
done
# one-shot submit, cold: a fresh workspace, the reference solution
base=""
for variant in cpython "${variants[@]}"; do
  engine=graalpy
  [ "$variant" = cpython ] && engine=cpython
  rm -rf "$work/ws"
  (cd "$work" && "$sprout" init ws --no-git >/dev/null 2>&1)
  cp "$here/graders/01-week1/03-functions/solution.py" "$work/ws/exercises/01-week1/03-functions/functions.py"
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  s=$(cd "$work/ws" && timed with_variant "$variant" "$sprout" submit functions --engine "$engine")
  grep -q "passed\|Passed\|✓" "$work/out" || { cat "$work/out" >&2; }
  [ -n "$base" ] || base="$s"
  ratio=$(python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.1f}×')" "$s" "$base")
  echo "| one-shot submit functions, cold | $variant | $s | $ratio | $load |"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
