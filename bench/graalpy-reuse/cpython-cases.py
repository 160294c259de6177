"""GraalPy context reuse, the peer: the CPython harness alone with bench/graalpy-worker.py's submission and
cases (same 5 kinds, cycled), process-tree CPU from wait4: (N cases - 0 cases) / N per case."""
import json, os, shutil, statistics, sys, tempfile, time, importlib.util
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
spec = importlib.util.spec_from_file_location("gw", os.path.join(ROOT, "bench/graalpy-reuse/graalpy-reuse.py"))
gw = importlib.util.module_from_spec(spec); spec.loader.exec_module(gw)
HARNESS = os.path.join(ROOT, "src/main/resources/dev/sprout/runner/harness.py")
python = sys.argv[1] if len(sys.argv) > 1 else "/usr/bin/python3"
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 8
N = int(sys.argv[3]) if len(sys.argv) > 3 else 50
work = tempfile.mkdtemp(prefix="gp-reuse-cpy-")
src = os.path.join(work, "src"); os.mkdir(src)
open(os.path.join(src, "hello.py"), "w").write(gw.SUBMISSION)

def reqfile(n):
    p = os.path.join(work, "req%d.jsonl" % n)
    lines = [{"op": "hello"}, {"op": "load", "entry": "hello.py"}]
    for i in range(n):
        lines.append(dict(gw.CASES[i % len(gw.CASES)], op="case", id="c%d" % i, limits=gw.LIMITS))
    lines.append({"op": "bye"})
    open(p, "w").write("".join(json.dumps(l) + "\n" for l in lines))
    return p

def run(stdin_path, check=False):
    scratch = tempfile.mkdtemp(prefix="gp-reuse-scr-", dir="/dev/shm")
    out_path = os.path.join(work, "out.jsonl")
    argv = [python, "-I", "-B", "-S", HARNESS, src, scratch]
    with open(stdin_path, "rb") as stdin, open(out_path, "wb") as out:
        pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=[
            (os.POSIX_SPAWN_DUP2, stdin.fileno(), 0), (os.POSIX_SPAWN_DUP2, out.fileno(), 1)])
        _, status, usage = os.wait4(pid, 0)
    shutil.rmtree(scratch, ignore_errors=True)
    if check:
        res = [json.loads(l) for l in open(out_path)]
        st = [r.get("status") for r in res if r.get("op") == "result"]
        print("statuses:", st[:5], "...", len(st), file=sys.stderr)
    return (usage.ru_utime + usage.ru_stime) * 1000

r0, rn = reqfile(0), reqfile(N)
run(rn, check=True)
per = []
for _ in range(rounds):
    a = run(r0); b = run(rn)
    per.append((b - a) / N)
print("CPython %s: harness CPU per case (tree, (%d cases - 0 cases)/%d), median of %d rounds: %.2f ms (rounds: %s); start+load+bye: %.0f ms; load %s" % (
    python, N, N, rounds, statistics.median(per), " ".join("%.2f" % p for p in per), a,
    open("/proc/loadavg").read().split()[:3]))
shutil.rmtree(work, ignore_errors=True)
