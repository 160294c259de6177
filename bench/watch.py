#!/usr/bin/env python3
"""Save -> verdict latency of `sprout watch` (issue #17, target 4), launchers side by side.

Each launcher watches a fresh workspace on one exercise (--exercise: hello-input, 8 checks, or
functions, 20 checks). The script saves the
learner's file the way most editors do (truncate, then write, in place), alternating the
reference solution and a known-bad submission so every save changes the verdict, and times from
the save to the verdict line ("... points") on watch's output. Launchers take turns save by save,
so machine load falls on all of them alike; quote the ratios.

Usage: bench/watch.py [--saves N] [--exercise NAME] LAUNCHER[,NAME=VALUE...] ...
  LAUNCHER  a ./sprout script or a sprout.jar (run with `java -jar`); NAME=VALUE pairs after it
            are set in that watch's environment, so one launcher can be measured on two engines:
            ./sprout ./sprout,SPROUT_ENGINE=graalpy
Environment: SPROUT_PYTHON is passed on (default /usr/bin/python3).
"""

import argparse
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# exercise -> (folder under graders/ and exercises/, learner file, a known-bad submission)
EXERCISES = {
    "hello-input": ("01-week1/01-hello-input", "hello.py", "forgot_plus_one.py"),  # 8 checks
    "lists-tuples": ("01-week1/02-lists-tuples", "lists_tuples.py", None),
    "functions": ("01-week1/03-functions", "functions.py", "integer_division.py"),  # 20 checks
}


def command(launcher):
    return ["java", "-jar", launcher] if launcher.endswith(".jar") else [launcher]


class Watch:
    """One `sprout watch` in its own workspace, its output lines timestamped by a reader thread."""

    def __init__(self, spec, env, exercise):
        self.launcher = spec
        launcher, *pairs = spec.split(",")
        env = dict(env, **dict(pair.split("=", 1) for pair in pairs))
        self.workspace = tempfile.mkdtemp(prefix="sprout-watch-bench-")
        subprocess.run(command(launcher) + ["init", "--no-git"], cwd=self.workspace, env=env,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # watch starts at the first exercise not passed yet: pass the ones before this one
        for earlier in list(EXERCISES)[:list(EXERCISES).index(exercise)]:
            where, name, _ = EXERCISES[earlier]
            shutil.copy(os.path.join(REPO, "graders", where, "solution.py"),
                        os.path.join(self.workspace, "exercises", where, name))
            subprocess.run(command(launcher) + ["submit", earlier], cwd=self.workspace, env=env,
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        folder, learner_file, _ = EXERCISES[exercise]
        self.file = os.path.join(self.workspace, "exercises", folder, learner_file)
        self.lines = queue.Queue()
        self.proc = subprocess.Popen(command(launcher) + ["watch"], cwd=self.workspace, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()
        self.verdict(timeout=300)  # the first check, of the starter (GraalPy: a cold worker)

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put((time.monotonic(), line))

    def verdict(self, timeout=30):
        end = time.monotonic() + timeout
        while True:
            at, line = self.lines.get(timeout=max(0.01, end - time.monotonic()))
            if "points" in line:
                return at

    def save(self, text):
        while not self.lines.empty():
            self.lines.get_nowait()
        started = time.monotonic()
        with open(self.file, "w") as f:  # truncate, then write: one save
            f.write(text)
        return (self.verdict() - started) * 1000

    def close(self):
        try:
            self.proc.stdin.write("q\n")
            self.proc.stdin.flush()
            self.proc.wait(timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
        shutil.rmtree(self.workspace, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--exercise", choices=["hello-input", "functions"], default="hello-input")
    parser.add_argument("launchers", nargs="+")
    args = parser.parse_args()
    env = dict(os.environ)
    env.setdefault("SPROUT_PYTHON", "/usr/bin/python3")
    env["NO_COLOR"] = "1"
    folder, _, bad = EXERCISES[args.exercise]
    grader = os.path.join(REPO, "graders", folder)
    texts = [open(os.path.join(grader, "solution.py")).read(),
             open(os.path.join(grader, "bad", bad)).read()]
    print("exercise: %s" % args.exercise)
    print("load average before: %.2f %.2f %.2f" % os.getloadavg())
    watches = [Watch(launcher, env, args.exercise) for launcher in args.launchers]
    times = {w.launcher: [] for w in watches}
    try:
        for i in range(args.saves):
            for w in watches:
                times[w.launcher].append(w.save(texts[i % 2]))
                time.sleep(0.3)  # let the check's tail (progress file) finish before the next save
    finally:
        for w in watches:
            w.close()
    print("load average after:  %.2f %.2f %.2f" % os.getloadavg())
    first = statistics.median(times[args.launchers[0]])
    print("| launcher | median save -> verdict | min | max | vs first |")
    print("|---|---|---|---|---|")
    for launcher in args.launchers:
        t = times[launcher]
        print("| %s | %.0f ms | %.0f ms | %.0f ms | %.2fx |" % (
            launcher, statistics.median(t), min(t), max(t), statistics.median(t) / first))


if __name__ == "__main__":
    sys.exit(main())
