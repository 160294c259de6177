"""The GraalPy worker alone, without sandbox or CLI: builds side by side, interleaved.

    python3 bench/graalpy-reuse/graalpy-reuse.py [--rounds 4] [--cases 12] [--java java] NAME=TARGET_DIR[,OPTION...] ...

Each TARGET_DIR is a `mvn -Pgraalpy package` output folder (sprout-graalpy.jar, graalpy-lib/; the
standard library is read from the first one's graalpy-resources/, else /work/main's). Every
worker is started once, as GraalPyWorker starts it (same JVM flags, no OS sandbox), and gets
hello (its warm-up case included: start-up) and one load of a small submission. Then each
round gives every worker, in turn, the same block of --cases cases, sent one at a time as the
CLI sends them (call, expr, a run with stdin, a run with files and report_files, an exception),
so all builds see the same machine load. It prints start-up, the median ms per case over the
rounds, and the ratio to the first build. With -Dsprout.graalpy.timing=true in --jvm-opt a
worker that knows it writes one line per case to stderr (`sprout-graalpy-timing ...`); this
script sums those by phase per build (median ms per case).

A build's OPTIONs (comma-separated after its folder) set its JVM apart from the others:
`java=PATH` (that JDK's java), `opt=FLAG` (one more JVM flag; repeatable) and `optimizing` (Truffle's
optimizing runtime: JVMCI on, TARGET_DIR/graalpy-compiler/ on the upgrade module path, as
GraalPyWorker starts it on JDK 21+). So one target can be measured both ways in one run:

    python3 bench/graalpy-worker.py jdk17=target,java=/usr/lib/jvm/java-17-openjdk-amd64/bin/java \
      jdk25=target,java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java \
      jdk25-opt=target,java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java,optimizing
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
import threading
import time

SUBMISSION = '''\
import sys


def add(a, b):
    return a + b


def shout(words):
    return [w.upper() + "!" for w in words]


def fail(n):
    return {"n": n}[n + 1]


def main():
    name = input("Name? ")
    with open("notes.txt", "a") as f:
        f.write(name + "\\n")
    print("Hello,", name)
    if len(sys.argv) > 1:
        print(open(sys.argv[1]).read().strip())


if __name__ == "__main__":
    main()
'''

CASES = [
    {"kind": "call", "function": "add", "args": [{"t": "int", "v": "2"}, {"t": "int", "v": "3"}]},
    {"kind": "expr", "expression": "shout(['a', 'bc'])"},
    {"kind": "run", "stdin": "Ada\n", "report_files": ["notes.txt"]},
    {"kind": "run", "argv": ["data.txt"], "stdin": "Bo\n", "files": {"data.txt": "some data\n"},
     "report_files": ["notes.txt", "missing.txt"]},
    {"kind": "call", "function": "fail", "args": [{"t": "int", "v": "1"}]},
]
LIMITS = {"cpu_s": 2, "wall_s": 5, "memory_bytes": 536870912, "output_bytes": 1048576,
          "file_bytes": 16777216, "nproc": 64}


def _tag(v):
    if isinstance(v, bool):
        return {"t": "bool", "v": v}
    if isinstance(v, int):
        return {"t": "int", "v": str(v)}
    if isinstance(v, float):
        return {"t": "float", "v": v}
    if isinstance(v, str):
        return {"t": "str", "v": v}
    if isinstance(v, list):
        return {"t": "list", "v": [_tag(x) for x in v]}
    if v is None:
        return {"t": "none"}
    raise ValueError(v)


if os.environ.get("GP_MIX") == "functions":
    # gp-reuse: the `functions` exercise's call cases on its reference solution
    import yaml
    _root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    _g = yaml.safe_load(open(os.path.join(_root, "graders/01-week1/03-functions/grader.yaml")))
    SUBMISSION = open(os.path.join(_root, "graders/01-week1/03-functions/solution.py")).read()
    CASES = []
    for _task in _g["tasks"]:
        for _c in _task["cases"]:
            if "call" in _c:
                CASES.append({"kind": "call", "function": _c["call"], "args": [_tag(a) for a in _c.get("args", [])],
                              "kwargs": dict((k, _tag(v)) for k, v in (_c.get("kwargs") or {}).items())})


class Worker:
    def __init__(self, name, target, resources, java, jvm_opts, work):
        self.name = name
        self.inbox = os.path.join(work, name, "inbox")
        self.scratch = os.path.join(work, name, "scratch")
        os.makedirs(os.path.join(self.inbox, "s1"))
        os.makedirs(self.scratch)
        if "gc" in name:
            open(os.path.join(work, name, "measure_gc"), "w").close()
        with open(os.path.join(self.inbox, "s1", "hello.py"), "w") as f:
            f.write(SUBMISSION)
        command = [java, "-Xmx512m", "-Xms64m", "-Xss8m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                   "-XX:-UsePerfData", "-XX:+DisplayVMOutputToStderr", "-Djava.io.tmpdir=" + self.scratch,
                   "-Duser.home=" + self.scratch, "-Dpolyglot.engine.WarnInterpreterOnly=false",
                   "-Dpolyglot.engine.resourcePath=" + resources] + jvm_opts + [
                   "-cp", os.path.join(target, "sprout-graalpy.jar") + ":" + os.path.join(target, "graalpy-lib", "*"),
                   "dev.sprout.graalpy.Worker", self.inbox, self.scratch]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, bufsize=1)
        self.timings = []
        self.all_timings = []
        self.stderr_tail = []
        threading.Thread(target=self._read_stderr, daemon=True).start()
        self.case_ms = []
        self.case_cpu = []
        self.seq = 0
        self.reuse = []
        self.splits = []
        self.results = []
        self.load_samples = []

    def _read_stderr(self):
        for line in self.process.stderr:
            if line.startswith("sprout-graalpy-timing "):
                self.timings.append(dict((k, float(v)) for k, v in re.findall(r"(\w+)=([\d.]+)", line)))
                self.all_timings.append(self.timings[-1])
            else:
                self.stderr_tail = (self.stderr_tail + [line])[-20:]

    def cpu_ms(self):
        """The worker JVM's CPU time so far (all its threads: cases, the next context, GC, JIT)."""
        with open("/proc/%d/stat" % self.process.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf("SC_CLK_TCK")

    def call(self, request):
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit("%s: the worker ended:\n%s" % (self.name, "".join(self.stderr_tail)))
        return json.loads(line)

    def start(self):
        t = time.monotonic()
        hello = self.call({"op": "hello"})
        self.hello_ms = (time.monotonic() - t) * 1000
        self.hello_cpu = self.cpu_ms()
        self.warmup_ms = hello.get("warmup_ms")
        print("%s: runtime %s, warm-up %s ms" % (self.name, hello.get("runtime"), self.warmup_ms), flush=True)
        loaded = self.call({"op": "load", "entry": "hello.py", "source": os.path.join(self.inbox, "s1")})
        self.all_timings.clear()
        if not loaded.get("ok"):
            raise SystemExit("%s: load failed: %s" % (self.name, loaded))
        self.timings.clear()

    def threads(self):
        """CPU ms by live thread kind (name without digits)."""
        out = {}
        base = "/proc/%d/task" % self.process.pid
        for tid in os.listdir(base):
            try:
                with open("%s/%s/stat" % (base, tid)) as f:
                    raw = f.read()
            except OSError:
                continue
            name = re.sub(r"[\d#]+", "", raw[raw.index("(") + 1:raw.rindex(")")]).strip()
            fields = raw.rsplit(")", 1)[1].split()
            out[name] = out.get(name, 0.0) + (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf("SC_CLK_TCK")
        return out

    def block(self, count):
        t = time.monotonic()
        cpu = self.cpu_ms()
        before = self.threads()
        for i in range(count):
            self.seq += 1
            request = dict(CASES[i % len(CASES)], op="case", id="c%d" % self.seq, limits=LIMITS)
            result = self.call(request)
            if result.get("status") not in ("returned", "exited", "raised"):
                raise SystemExit("%s: unexpected result %s" % (self.name, result))
            reuse = result.pop("sprout_reuse", None)
            if reuse is not None:
                self.reuse.append(reuse)
            for k in ("id", "elapsed_ms"):
                result.pop(k, None)
            if "exception" in result:
                result["exception"].pop("traceback", None)
            self.results.append(json.dumps(result, sort_keys=True))
        self.case_ms.append((time.monotonic() - t) * 1000 / count)
        total = self.cpu_ms() - cpu
        self.case_cpu.append(total / count)
        after = self.threads()
        split = dict((k, (v - before.get(k, 0.0)) / count) for k, v in after.items())
        split["(ended threads: cases)"] = total / count - sum(split.values())
        self.splits.append(split)

    def stop(self):
        try:
            self.process.stdin.write(json.dumps({"op": "bye"}) + "\n")
            self.process.stdin.close()
            self.process.wait(20)
        except Exception:
            self.process.kill()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--cases", type=int, default=12)
    parser.add_argument("--java", default="java")
    parser.add_argument("--resources")
    parser.add_argument("--jvm-opt", action="append", default=[])
    parser.add_argument("builds", nargs="+", metavar="NAME=TARGET_DIR")
    args = parser.parse_args()
    builds = []
    for spec in args.builds:
        name, rest = spec.split("=", 1)
        target, *options = rest.split(",")
        java, opts = args.java, list(args.jvm_opt)
        for option in options:
            if option.startswith("java="):
                java = option[len("java="):]
            elif option.startswith("opt="):
                opts.append(option[len("opt="):])
            elif option == "optimizing":
                opts += ["-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
                         "--upgrade-module-path=" + os.path.join(os.path.abspath(target), "graalpy-compiler")]
            else:
                raise SystemExit("unknown option %r in %s" % (option, spec))
        builds.append((name, target, java, opts))
    resources = args.resources
    if resources is None:
        for candidate in [os.path.join(builds[0][1], "graalpy-resources"), os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "target/graalpy-resources")]:
            if os.path.isfile(os.path.join(candidate, ".complete")):
                resources = candidate
                break
    if resources is None:
        raise SystemExit("no unpacked graalpy-resources/: pass --resources DIR")
    work = tempfile.mkdtemp(prefix="sprout-graalpy-bench-")
    workers = []
    try:
        for name, target, java, opts in builds:  # one at a time: start-up is measured alone
            worker = Worker(name, os.path.abspath(target), resources, java, opts, work)
            workers.append(worker)
            worker.start()
        for _ in range(args.rounds):
            for worker in workers:
                worker.block(args.cases)
        base = statistics.median(workers[0].case_ms)
        base_cpu = statistics.median(workers[0].case_cpu)
        print("%d rounds of %d cases per build, interleaved by round; medians over rounds. CPU: the worker"
              " JVM's, all threads (steadier than wall time on a shared machine)" % (args.rounds, args.cases))
        print("| build | hello wall ms | hello CPU ms | wall ms per case | ratio | CPU ms per case | ratio |"
              " per-round wall ms per case |")
        print("|---|---|---|---|---|---|---|---|")
        for w in workers:
            median = statistics.median(w.case_ms)
            cpu = statistics.median(w.case_cpu)
            print("| %s | %.0f | %.0f | %.1f | %.2f | %.1f | %.2f | %s |" % (
                w.name, w.hello_ms, w.hello_cpu, median, median / base, cpu, cpu / base_cpu,
                " ".join("%.0f" % m for m in w.case_ms)))
        phases = [w for w in workers if w.timings]
        if phases:
            keys = []
            for w in phases:
                for t in w.timings:
                    keys.extend(k for k in t if k not in keys)
            print()
            print("Worker timing lines (median ms per case; ctx_* on the maker thread, beside the previous case):")
            print("| build | " + " | ".join(keys) + " |")
            print("|---|" + "---|" * len(keys))
            for w in phases:
                print("| %s | %s |" % (w.name, " | ".join(
                    "%.1f" % statistics.median([t.get(k, 0.0) for t in w.timings]) for k in keys)))
        print()
        print("Results identical to the first build's: " + ", ".join(
            "%s=%s" % (w.name, w.results == workers[0].results) for w in workers))
        for w in workers:
            if w.results != workers[0].results:
                for a, b in zip(workers[0].results, w.results):
                    if a != b:
                        print("  %s differs:\n    %s\n    %s" % (w.name, a, b))
                        break
            if w.reuse:
                polluted = [r["polluted"] for r in w.reuse if r["polluted"]]
                print("%s between cases (restore / check CPU ms, median of %d; max): %.2f / %.2f; %.2f / %.2f; polluted: %d %s" % (
                    w.name, len(w.reuse), statistics.median(r["restore_ms"] for r in w.reuse),
                    statistics.median(r["check_ms"] for r in w.reuse), max(r["restore_ms"] for r in w.reuse),
                    max(r["check_ms"] for r in w.reuse), len(polluted), sorted(set(polluted))[:3]))
                print("   snapshot: %s modules, %s classes; gc.collect() CPU/wall ms (median): %s" % (
                    w.reuse[-1].get("modules"), w.reuse[-1].get("classes"),
                    "%.1f / %.1f" % (statistics.median(r["gc_ms"][0] for r in w.reuse), statistics.median(r["gc_ms"][1] for r in w.reuse))
                    if w.reuse[-1].get("gc_ms") else "not measured"))
                print("   per round check ms (median): %s" % " ".join(
                    "%.2f" % statistics.median(r["check_ms"] for r in w.reuse[i:i + args.cases])
                    for i in range(0, len(w.reuse), args.cases)))
        print()
        print("CPU ms per case, per round:")
        for w in workers:
            half = w.case_cpu[len(w.case_cpu) // 2:]
            print("  %s: %s | median of 2nd half %.1f" % (w.name, " ".join("%.0f" % c for c in w.case_cpu), statistics.median(half)))
        print()
        print("CPU ms per case by thread (mean over the 2nd half of the rounds; live threads by name, the rest = ended case threads):")
        for w in workers:
            splits = w.splits[len(w.splits) // 2:] or w.splits
            keys = sorted(set(k for s in splits for k in s))
            means = dict((k, statistics.mean(s.get(k, 0.0) for s in splits)) for k in keys)
            tl = w.all_timings[len(w.all_timings) // 2:]
            if tl:
                print("  %s: mean prepare_cpu+run_cpu (case thread inside prepare/run) %.1f, fill+report wall %.1f" % (
                    w.name, statistics.mean(t.get("prepare_cpu", 0) + t.get("run_cpu", 0) for t in tl),
                    statistics.mean(t.get("fill", 0) + t.get("report", 0) for t in tl)))
            if w.all_timings:
                n = len(w.all_timings)
                kinds = []
                for k in range(len(CASES)):
                    sel = [w.all_timings[i] for i in range(n // 2, n) if i % len(CASES) == k]
                    kinds.append("%s %.1f+%.1f" % (CASES[k]["kind"] + ("/" + CASES[k].get("function", "") if CASES[k]["kind"] == "call" else ""),
                                                   statistics.median(t.get("prepare_cpu", 0) for t in sel),
                                                   statistics.median(t.get("run_cpu", 0) for t in sel)))
                print("  %s: per case kind, median prepare_cpu+run_cpu ms: %s" % (w.name, ", ".join(kinds)))
            print("  %s: %s" % (w.name, ", ".join("%s %.1f" % (k, v) for k, v in sorted(means.items(), key=lambda kv: -kv[1]) if abs(v) >= 0.5)))
        print("load average:", open("/proc/loadavg").read().strip())
    finally:
        for worker in workers:
            worker.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
