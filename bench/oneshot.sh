#!/usr/bin/env bash
# One-shot cost of sprout against plain pytest, side by side in one hyperfine run (issue #17):
#   sprout submit functions    the reference solution of the functions exercise, in a temp workspace
#   python -m pytest           bench/test_functions_pytest.py: the same 20 cases, same interpreter
#   sprout next, list, hint functions, progress, --help   commands that grade nothing
# then each command's max RSS (/usr/bin/time -v, else sampled from /proc), the ratios to pytest,
# the CPU each used (user + system: less disturbed by a busy machine than wall time), the load
# average before and after, and issue #17's targets 1-2 side by side for every launcher.
# On a shared machine quote the ratios, not the times.
#
# Usage: bench/oneshot.sh [RUNS] [OTHER_LAUNCHER...]
#   RUNS            hyperfine runs per command (default 20; 3 warm-ups each)
#   OTHER_LAUNCHER  more ./sprout launchers (another checkout, e.g. main's) measured alongside
# Environment: SPROUT (the launcher measured first; default this checkout's ./sprout),
#   PYTHON (default /usr/bin/python3 when it has pytest, else the real executable behind python3,
#   so a pyenv shim's ~300 ms is not counted); sprout is given the same one (SPROUT_PYTHON)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-20}"
shift || true
launchers=("${SPROUT:-$here/sprout}" "$@")
# Debian's python3 with its pytest by default: a pyenv python with a hundred packages spends
# seconds in pytest's plugin discovery, which would flatter sprout. sprout grades with the same one.
if [ -z "${PYTHON:-}" ] && /usr/bin/python3 -m pytest --version >/dev/null 2>&1; then
  python=/usr/bin/python3
else
  python="${PYTHON:-$(python3 -c 'import sys; print(sys.executable)')}"
fi
export SPROUT_PYTHON="$python"
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
"$python" -m pytest --version >/dev/null 2>&1 || { echo "$python has no pytest (pip install pytest)" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/sprout-oneshot.XXXXXX")"
trap 'rm -rf "$work"' EXIT
solution="$here/graders/01-week1/03-functions/solution.py"
tests="$here/bench/test_functions_pytest.py"

names=() commands=() dirs=()
i=0
for launcher in "${launchers[@]}"; do
  i=$((i + 1))
  # builds the jar and its start-up archive if needed, so no run below pays for that
  "$launcher" --version >/dev/null
  ws="$work/ws$i"
  (cd "$work" && "$launcher" init "ws$i" --no-git >/dev/null)
  cp "$solution" "$ws/exercises/01-week1/03-functions/functions.py"
  (cd "$ws" && "$launcher" submit functions >/dev/null) # must pass: 20 of 20
  label="sprout"
  [ "${#launchers[@]}" -gt 1 ] && label="sprout#$i"
  for cmd in "submit functions" "next" "list" "hint functions" "progress" "--help"; do
    names+=("$label $cmd")
    commands+=("$launcher $cmd")
    dirs+=("$ws")
  done
done
names+=("pytest (20 cases)")
commands+=("$python -m pytest -q -p no:cacheprovider $tests")
dirs+=("$work/ws1")
export FUNCTIONS_PY="$solution"

echo "launchers: ${launchers[*]}"
echo "python:    $python ($("$python" -c 'import platform; print(platform.python_version())'))"
for launcher in "${launchers[@]}"; do
  decided="$(dirname "$(readlink -f "$launcher")")/target/launcher-java"
  if [ -f "$decided" ]; then
    echo "$launcher runs $(sed -n 's/^java=//p' "$decided")"
  else
    echo "$launcher runs $(command -v java) (decided per call)"
  fi
done
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "load average before: $load_before   ($(nproc) cores)"

# every command runs in its workspace: hyperfine -N has no shell, so cd via --prepare is no use;
# run hyperfine from the first workspace (all workspaces are alike)
hyper=(hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/times.json" --style basic)
for n in "${!commands[@]}"; do
  hyper+=(-n "${names[$n]}" "${commands[$n]}")
done
(cd "$work/ws1" && "${hyper[@]}") >&2

load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "load average after:  $load_after"

# max RSS of each command, the largest of 3 runs (the process tree's largest single process)
rss() {
  local dir="$1" cmd="$2" best=0 kb
  for _ in 1 2 3; do
    if [ -x /usr/bin/time ]; then
      # shellcheck disable=SC2086
      kb=$(cd "$dir" && /usr/bin/time -v $cmd 2>&1 >/dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p')
    else
      # shellcheck disable=SC2086
      (cd "$dir" && exec $cmd >/dev/null 2>&1) &
      local pid=$! peak=0 now
      while kill -0 "$pid" 2>/dev/null; do
        now=$(sed -n 's/^VmHWM:[^0-9]*\([0-9]*\).*/\1/p' "/proc/$pid/status" 2>/dev/null || echo 0)
        [ -n "$now" ] && [ "$now" -gt "$peak" ] && peak=$now
        sleep 0.01
      done
      wait "$pid" || true
      kb=$peak
    fi
    [ -n "$kb" ] && [ "$kb" -gt "$best" ] && best=$kb
  done
  echo "$best"
}
: > "$work/rss.txt"
for n in "${!commands[@]}"; do
  printf '%s\t%s\n' "${names[$n]}" "$(rss "${dirs[$n]}" "${commands[$n]}")" >> "$work/rss.txt"
done

"$python" "$here/bench/oneshot_report.py" "$work/times.json" "$work/rss.txt" "$load_before" "$load_after" \
  "${names[@]}"
