"""The harness alone, without sandbox or JVM: interleaved runs against `python3 -I -c pass`.

    python3 bench/harness-alone.py [--python /usr/bin/python3] [--runs 40] [--old OLD_HARNESS.py]
                                   [--old-rev REV]

Each round runs every command once, in turn (so all see the same machine load); it prints the
median wall time and the median CPU time (the process tree's, from wait4) of each, and the ratio
to the first row. The harness gets hello, load, N trivial call cases and bye on stdin, with its
scratch folder on tmpfs (/dev/shm) as on tier A. "from harness.code" starts it the way the JVM
starts every harness after the first (HarnessFiles.BOOT): from its marshalled code. --old-rev
adds the same two "from harness.code" rows for the harness and BOOT of another commit (side by
side with this one, e.g. before a refactor).
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HARNESS = os.path.join(ROOT, "src/main/resources/dev/sprout/runner/harness.py")
SESSION = os.path.join(ROOT, "src/main/java/dev/sprout/runner/HarnessFiles.java")


def boot_source(text=None):
    """HarnessFiles.BOOT, read from the Java source."""
    text = text if text is not None else open(SESSION, encoding="utf-8").read()
    block = text[text.index("static final String BOOT"):]
    block = block[:block.index(");")]
    lines = re.findall(r'^\s*"(.*)",?\s*$', block, re.M)
    if lines and lines[0] == "\\n":  # String.join's separator, on its own line once formatted
        lines = lines[1:]
    return "\n".join(lines).replace("\\'", "'") + "\n"


# What a harness's "hello" hands back, as harness.code: the magic number, then a marshalled dict
# of code objects, "harness" for harness.py and one per module of harness/ beside it (an older
# single-file harness is just {"harness": code}, which BOOT runs the same way).
COMPILE = (
    "import marshal, os, sys, _frozen_importlib_external as e\n"
    "p = sys.argv[1]\n"
    "codes = {'harness': compile(open(p, 'rb').read(), p, 'exec')}\n"
    "d = os.path.join(os.path.dirname(p), 'harness')\n"
    "for f in sorted(os.listdir(d)) if os.path.isdir(d) else []:\n"
    "    if f.endswith('.py'):\n"
    "        codes[f[:-3]] = compile(open(os.path.join(d, f), 'rb').read(), os.path.join(d, f), 'exec')\n"
    "open(sys.argv[2], 'wb').write(e.MAGIC_NUMBER + marshal.dumps(codes))\n")


COMPILE_SINGLE = (
    "import marshal, sys, _frozen_importlib_external as e\n"
    "p = sys.argv[1]\n"
    "open(sys.argv[2], 'wb').write(e.MAGIC_NUMBER + marshal.dumps(compile(open(p, 'rb').read(), p, 'exec')))\n")


def copy_harness(path, folder):
    """harness.py, and its package when there is one beside it, into folder."""
    shutil.copy(path, os.path.join(folder, "harness.py"))
    package = os.path.join(os.path.dirname(path), "harness")
    if os.path.isdir(package):
        shutil.copytree(package, os.path.join(folder, "harness"), ignore=shutil.ignore_patterns("__pycache__"))


def requests(path, cases):
    lines = [{"op": "hello"}, {"op": "load", "entry": "adder.py"}]
    for i in range(cases):
        lines.append({"op": "case", "id": "c%d" % i, "kind": "call", "function": "add",
                      "args": [{"t": "int", "v": str(i)}, {"t": "int", "v": "1"}]})
    lines.append({"op": "bye"})
    with open(path, "w") as f:
        f.write("".join(json.dumps(line) + "\n" for line in lines))


def run(argv, stdin_path):
    with open(stdin_path or os.devnull, "rb") as stdin, open(os.devnull, "wb") as out:
        started = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, os.environ,
                             file_actions=[(os.POSIX_SPAWN_DUP2, stdin.fileno(), 0),
                                           (os.POSIX_SPAWN_DUP2, out.fileno(), 1)])
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit("failed: %r" % (argv,))
    return wall * 1000, (usage.ru_utime + usage.ru_stime) * 1000


def old_rev_commands(rev, work, py, source, scratch, req1, req12, python):
    """The harness of commit rev, started from its code by that commit's BOOT."""
    tree = os.path.join(work, "old-tree")
    os.mkdir(tree)
    archive = subprocess.run(["git", "-C", ROOT, "archive", rev, "src/main/resources/dev/sprout/runner",
                              "src/main/java/dev/sprout/runner/HarnessFiles.java"],
                             check=True, stdout=subprocess.PIPE).stdout
    subprocess.run(["tar", "-x", "-C", tree], input=archive, check=True)
    old_dir = os.path.join(work, "old-harness")
    os.mkdir(old_dir)
    copy_harness(os.path.join(tree, "src/main/resources/dev/sprout/runner/harness.py"), old_dir)
    single = not os.path.isdir(os.path.join(old_dir, "harness"))
    # a single-file harness's BOOT read one marshalled code object, not a dict of them
    subprocess.run([python, "-I", "-c", COMPILE_SINGLE if single else COMPILE, os.path.join(old_dir, "harness.py"),
                    os.path.join(old_dir, "harness.code")], check=True)
    boot = boot_source(open(os.path.join(tree, "src/main/java/dev/sprout/runner/HarnessFiles.java"),
                            encoding="utf-8").read())
    return [(rev + ": from harness.code, 1 case", py + ["-c", boot, old_dir, source, scratch], req1),
            (rev + ": from harness.code, 12 cases", py + ["-c", boot, old_dir, source, scratch], req12)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--python", default="/usr/bin/python3")
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--old", help="another harness.py to compare (e.g. from `git show REV:…`)")
    parser.add_argument("--old-rev", help="a commit whose harness (and BOOT) to compare, from its code")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="sprout-harness-alone-")
    scratch = tempfile.mkdtemp(prefix="sprout-scratch-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    try:
        source = os.path.join(work, "src")
        os.mkdir(source)
        with open(os.path.join(source, "adder.py"), "w") as f:
            f.write("def add(a, b):\n    return a + b\n")
        harness_dir = os.path.join(work, "harness")
        os.mkdir(harness_dir)
        copy_harness(HARNESS, harness_dir)
        subprocess.run([args.python, "-I", "-c", COMPILE,
                        os.path.join(harness_dir, "harness.py"), os.path.join(harness_dir, "harness.code")],
                       check=True)
        req1, req12 = os.path.join(work, "req1.jsonl"), os.path.join(work, "req12.jsonl")
        requests(req1, 1)
        requests(req12, 12)
        py = [args.python, "-I", "-B"]
        commands = [("python3 -I -c pass", [args.python, "-I", "-c", "pass"], None)]
        if args.old:
            commands.append(("old harness, 12 cases", py + [args.old, source, scratch], req12))
        boot = boot_source()
        commands += [
            ("harness.py (compiled at start), 12 cases", py + [HARNESS, source, scratch], req12),
            ("from harness.code, 1 case", py + ["-c", boot, harness_dir, source, scratch], req1),
            ("from harness.code, 12 cases", py + ["-c", boot, harness_dir, source, scratch], req12),
        ]
        if args.old_rev:
            commands += old_rev_commands(args.old_rev, work, py, source, scratch, req1, req12, args.python)
        results = dict((name, ([], [])) for name, _, _ in commands)
        for round_ in range(args.runs + 3):
            for name, argv, stdin in commands:
                wall, cpu = run(argv, stdin)
                if round_ >= 3:
                    results[name][0].append(wall)
                    results[name][1].append(cpu)
        with open("/proc/loadavg") as f:
            load = " ".join(f.read().split()[:3])
        print("%s; medians of %d rounds; load average after: %s" % (args.python, args.runs, load))
        base = None
        for name, _, _ in commands:
            wall, cpu = (statistics.median(v) for v in results[name])
            base = base or (wall, cpu)
            print("| %s | %.1f ms | %.2f | %.1f ms | %.2f |" % (name, wall, wall / base[0], cpu, cpu / base[1]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
