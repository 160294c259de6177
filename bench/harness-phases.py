"""The harness alone, phase by phase: hello, load, first case, later cases, interleaved runs.

    python3 bench/harness-phases.py [--runs 30] [--pipe] [--pause-ms 0] [--reap] NAME=HARNESS.py ...

Each HARNESS.py is compiled to harness.code and started the way the JVM starts every harness
after the first (HarnessFiles.BOOT), with its scratch folder on tmpfs. Each round runs every
harness once, in turn (so all see the same machine load): hello, load (with limits), 12 trivial
call cases one at a time (or, with --pipe, each sent before the previous reply is read, as the
JVM may), bye. It prints medians: hello (start-up included), load, the first case (from the load
reply; --pause-ms waits that long first, so the pre-forked child is ready), the median later
case, all 12 cases, the whole run, and CPU: the harness's own (children it did not reap are not
counted), or with --reap the whole process tree's (through a subreaper wrapper, whose start-up
the wall times then include). Compare with an older harness from `git show REV:…`.
"""

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIMITS = {"cpu_s": 2.0, "wall_s": 5.0, "memory_bytes": 512 << 20, "output_bytes": 1 << 20,
          "file_bytes": 16 << 20, "nproc": 64}
REAPER = r"""
import ctypes, os, resource, sys
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER: the harness's children end up here
if os.fork() == 0:
    os.execv(sys.argv[2], sys.argv[2:])
while True:
    try:
        os.wait()
    except ChildProcessError:
        break
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as f:
    f.write(repr((ru.ru_utime + ru.ru_stime) * 1000))
"""


def _alone():
    spec = importlib.util.spec_from_file_location("harness_alone", os.path.join(ROOT, "bench", "harness-alone.py"))
    alone = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(alone)
    return alone


def boot_source():
    """HarnessFiles.BOOT, as bench/harness-alone.py reads it from the Java source."""
    return _alone().boot_source()


def prepare(python, work, name, path):
    folder = os.path.join(work, "harness-" + name)
    os.mkdir(folder)
    alone = _alone()
    alone.copy_harness(path, folder)  # with its package (harness/ beside it), if it has one
    subprocess.run([python, "-I", "-c", alone.COMPILE,
                    os.path.join(folder, "harness.py"), os.path.join(folder, "harness.code")], check=True)
    return folder


def once(args, boot, folder, source, scratch, work):
    cpu_file = os.path.join(work, "cpu")
    wrapper = [args.python, "-I", "-c", REAPER, cpu_file] if args.reap else []
    started = time.perf_counter()
    p = subprocess.Popen(wrapper + [args.python, "-I", "-B", "-c", boot, folder, source, scratch],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)

    def send(obj):
        p.stdin.write((json.dumps(obj) + "\n").encode())

    def reply():
        line = p.stdout.readline()
        if not line:
            raise SystemExit("the harness ended early")
        return line

    send({"op": "hello"})
    reply()
    hello = time.perf_counter()
    send({"op": "load", "entry": "adder.py", "limits": LIMITS})
    reply()
    load_done = time.perf_counter()
    if args.pause_ms:
        time.sleep(args.pause_ms / 1000.0)
    loaded = time.perf_counter()
    cases = [{"op": "case", "id": "c%d" % i, "kind": "call", "function": "add",
              "args": [{"t": "int", "v": str(i)}, {"t": "int", "v": "1"}], "limits": LIMITS} for i in range(12)]
    times = []
    if args.pipe:
        send(cases[0])
    for i, case in enumerate(cases):
        if not args.pipe:
            send(case)
        elif i + 1 < len(cases):
            send(cases[i + 1])
        last = reply()
        times.append(time.perf_counter())
    result = json.loads(last)
    if result.get("status") != "returned" or result["value"]["v"] != "12":
        raise SystemExit("unexpected result: %s" % last)
    send({"op": "bye"})
    p.stdin.close()
    _, _, usage = os.wait4(p.pid, 0)
    p.returncode = 0
    ended = time.perf_counter()
    if args.reap:
        with open(cpu_file) as f:
            cpu = float(f.read())
    else:
        cpu = (usage.ru_utime + usage.ru_stime) * 1000
    later = [(times[i] - times[i - 1]) * 1000 for i in range(1, len(times))]
    return {"hello": (hello - started) * 1000, "load": (load_done - hello) * 1000,
            "first": (times[0] - loaded) * 1000, "later": statistics.median(later),
            "cases": (times[-1] - loaded) * 1000, "total": (ended - started) * 1000, "cpu": cpu}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--python", default="/usr/bin/python3")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--pipe", action="store_true")
    parser.add_argument("--pause-ms", type=float, default=0)
    parser.add_argument("--reap", action="store_true")
    parser.add_argument("harnesses", nargs="+", metavar="NAME=HARNESS.py")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="sprout-harness-phases-")
    scratch_root = tempfile.mkdtemp(prefix="sprout-scratch-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    try:
        source = os.path.join(work, "src")
        os.mkdir(source)
        with open(os.path.join(source, "adder.py"), "w") as f:
            f.write("def add(a, b):\n    return a + b\n")
        boot = boot_source()
        named = []
        for spec in args.harnesses:
            name, _, path = spec.partition("=")
            scratch = os.path.join(scratch_root, name)
            os.mkdir(scratch)
            named.append((name, prepare(args.python, work, name, path), scratch))
        data = dict((name, []) for name, _, _ in named)
        for round_ in range(args.runs + 2):
            for name, folder, scratch in named:
                figures = once(args, boot, folder, source, scratch, work)
                if round_ >= 2:
                    data[name].append(figures)
        keys = ["hello", "load", "first", "later", "cases", "total", "cpu"]
        print("%s; medians of %d rounds (ms)%s%s%s" % (args.python, args.runs, ", pipelined" if args.pipe else "",
                                                      ", paused %g ms after load" % args.pause_ms if args.pause_ms else "",
                                                      ", CPU of the whole tree" if args.reap else ""))
        print("| harness | " + " | ".join(keys) + " |")
        for name, _, _ in named:
            print("| %s | " % name + " | ".join("%.2f" % statistics.median(d[k] for d in data[name]) for k in keys) + " |")
    finally:
        subprocess.run(["rm", "-rf", work, scratch_root])


if __name__ == "__main__":
    sys.exit(main())
