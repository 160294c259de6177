#!/usr/bin/env python3
"""What a learner waits for at the keyboard, side by side with pytest (issue #17, targets 1-2).

Each command runs in one hyperfine call of its own (-N, 3 warm-ups), in each mode:
  served     ./sprout as installed: a thin client answered by the warm server (the default)
  in-process SPROUT_DAEMON=off: a one-shot JVM per command, as in CI
and the peer, `python -m pytest` on bench/test_functions_pytest.py (the same 20 cases as the
functions exercise, same interpreter). Commands: submit functions (reference solution, 20/20),
next, list, hint functions, progress, --help.

CPU is user + system of the command's process tree as hyperfine reports it, plus, for served
commands, what the server spent meanwhile (its /proc/PID/stat ticks before and after, divided by
the runs): the client alone would flatter it. Max RSS: the largest of 3 runs under
/usr/bin/time -v, and for served commands the server's own peak (VmHWM) at the end, reported
beside the client's. The servers are this run's own (a private XDG_RUNTIME_DIR) and are stopped
at the end. The load average before and after each command is printed: on a shared machine
quote the ratios.

Usage: bench/oneshot.py [--runs N] [--modes served,in-process] [LAUNCHER]
Environment: PYTHON (default /usr/bin/python3 when it has pytest); sprout grades with the same.
"""
import argparse
import json
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent.parent
COMMANDS = ["submit functions", "next", "list", "hint functions", "progress", "--help"]
TICKS = os.sysconf("SC_CLK_TCK")


def load():
    return " ".join(pathlib.Path("/proc/loadavg").read_text().split()[:3])


def python_with_pytest():
    chosen = os.environ.get("PYTHON")
    if chosen:
        return chosen
    if subprocess.run(["/usr/bin/python3", "-m", "pytest", "--version"], capture_output=True).returncode == 0:
        return "/usr/bin/python3"
    return sys.executable


def servers(runtime):
    """pid -> log path of the servers started under this run's private runtime folder."""
    found = {}
    folder = runtime / "sprout"
    if folder.is_dir():
        for log in folder.glob("*.log"):
            m = re.search(r"\(pid (\d+),", log.read_text(errors="replace"))
            if m and pathlib.Path(f"/proc/{m.group(1)}").exists():
                found[int(m.group(1))] = log
    return found


def cpu_ticks(pid):
    try:
        fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        # utime, stime, cutime, cstime: the server and the sandboxes it waited for
        return sum(int(f) for f in fields[11:15])
    except OSError:
        return 0


def peak_rss_mb(pid):
    try:
        for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def max_rss_mb(command, cwd, env):
    best = 0
    for _ in range(3):
        run = subprocess.run(["/usr/bin/time", "-v", *command], cwd=cwd, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
        if m:
            best = max(best, int(m.group(1)))
    return best / 1024


def hyperfine(name, command, cwd, env, runs, out):
    subprocess.run(["hyperfine", "-N", "--warmup", "3", "--runs", str(runs), "--style", "none",
                    "--export-json", str(out), "-n", name, " ".join(command)],
                   cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text())["results"][0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--modes", default="served,in-process")
    parser.add_argument("launcher", nargs="?", default=str(HERE / "sprout"))
    args = parser.parse_args()
    for tool in ("hyperfine", "/usr/bin/time"):
        if not shutil.which(tool):
            sys.exit(f"needs {tool} (apt-get install hyperfine time)")
    python = python_with_pytest()
    modes = args.modes.split(",")
    work = pathlib.Path(tempfile.mkdtemp(prefix="sprout-oneshot."))
    runtime = work / "runtime"
    runtime.mkdir(mode=0o700)
    base_env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    base_env.update(SPROUT_PYTHON=python, XDG_RUNTIME_DIR=str(runtime), FUNCTIONS_PY=str(
        HERE / "graders/01-week1/03-functions/solution.py"))
    results = []
    try:
        subprocess.run([args.launcher, "--version"], env={**base_env, "SPROUT_DAEMON": "off"},
                       check=True, stdout=subprocess.DEVNULL)  # builds the jar and archive if needed
        subprocess.run([args.launcher, "init", "ws", "--no-git"], cwd=work, env={**base_env, "SPROUT_DAEMON": "off"},
                       check=True, stdout=subprocess.DEVNULL)
        ws = work / "ws"
        shutil.copy(HERE / "graders/01-week1/03-functions/solution.py",
                    ws / "exercises/01-week1/03-functions/functions.py")
        print(f"launcher: {args.launcher}\npython:   {python}\ncores:    {os.cpu_count()}", flush=True)
        pytest_cmd = [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(HERE / "bench/test_functions_pytest.py")]
        for mode in modes:
            for pid in servers(runtime):  # the in-process rows run without a server beside them
                os.kill(pid, signal.SIGTERM)
            env = {**base_env, "SPROUT_DAEMON": "on" if mode == "served" else "off"}
            for command in COMMANDS:
                line = [args.launcher, *command.split()]
                if mode == "served":
                    subprocess.run(line, cwd=ws, env=env, stdout=subprocess.DEVNULL)  # starts the server
                    for _ in range(100):
                        if servers(runtime):
                            break
                        time.sleep(0.1)
                running = servers(runtime) if mode == "served" else {}
                before = {pid: cpu_ticks(pid) for pid in running}
                load_before = load()
                r = hyperfine(f"{mode} {command}", line, ws, env, args.runs, work / "t.json")
                server_cpu = sum(cpu_ticks(pid) - before.get(pid, 0) for pid in running) / TICKS
                r.update(mode=mode, command=command, load_before=load_before, load_after=load(),
                         cpu=r["user"] + r["system"] + server_cpu / (args.runs + 3),
                         rss=max_rss_mb(line, ws, env),
                         server_rss=max((peak_rss_mb(pid) for pid in running), default=0.0))
                results.append(r)
                print(f"  {mode:10} {command:17} {r['mean']*1000:6.0f} ms  cpu {r['cpu']*1000:5.0f} ms  "
                      f"rss {r['rss']:4.0f} MB  server {r['server_rss']:4.0f} MB  load {load_before}", flush=True)
        load_before = load()
        r = hyperfine("pytest", pytest_cmd, ws, base_env, args.runs, work / "t.json")
        r.update(mode="peer", command="pytest (20 cases)", load_before=load_before, load_after=load(),
                 cpu=r["user"] + r["system"], rss=max_rss_mb(pytest_cmd, ws, base_env), server_rss=0.0)
        results.append(r)
    finally:
        for pid in servers(runtime):
            os.kill(pid, signal.SIGTERM)
        time.sleep(0.5)
        shutil.rmtree(work, ignore_errors=True)
    report(results, modes)


def report(results, modes):
    peer = next(r for r in results if r["mode"] == "peer")
    print()
    print("| mode | command | mean ms | ± ms | CPU ms | × pytest wall | × pytest CPU | max RSS MB (client) | server peak RSS MB | load before → after |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        server = f"{r['server_rss']:.0f}" if r["server_rss"] else "—"
        print(f"| {r['mode']} | `{r['command']}` | {r['mean']*1000:.0f} | {r['stddev']*1000:.0f} | {r['cpu']*1000:.0f} "
              f"| {r['mean']/peer['mean']:.2f} | {r['cpu']/peer['cpu']:.2f} | {r['rss']:.0f} | {server} "
              f"| {r['load_before']} → {r['load_after']} |")
    print()
    print("| issue #17 target | " + " | ".join(modes) + " |")
    print("|---|" + "---|" * len(modes))

    def get(mode, command):
        return next(r for r in results if r["mode"] == mode and r["command"] == command)

    print("| 1. submit / pytest, wall (≤ 1.00) | " + " | ".join(
        f"{get(m, 'submit functions')['mean']/peer['mean']:.2f}" for m in modes) + " |")
    print("| 1. slowest of next, list, hint, progress, --help, ms (≤ 200) | " + " | ".join(
        f"{max(get(m, c)['mean'] for c in COMMANDS[1:])*1000:.0f}" for m in modes) + " |")
    print("| 2. largest process of a submit, MB (≤ 80) | " + " | ".join(
        f"{max(get(m, 'submit functions')['rss'], get(m, 'submit functions')['server_rss']):.0f}" for m in modes) + " |")
    print(f"\npytest: {peer['mean']*1000:.0f} ms mean, {peer['cpu']*1000:.0f} ms CPU, {peer['rss']:.0f} MB max RSS")


if __name__ == "__main__":
    main()
