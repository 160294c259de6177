#!/usr/bin/env python3
"""Makes a generated cohort for `sprout grade --batch`: COHORT/<student>/exercises/<stage>/<slug>/<entry>.

Usage: python3 bench/make_cohort.py [--only SLUG] OUT_DIR [SUBMISSIONS] [LOOPING] [EXERCISES]

Submissions cycle through three exercises of the built-in pack (functions, if-else, calculator)
and, per exercise, through: the reference solution (4 in 10), a known-bad submission from
graders/.../bad/ (4 in 10), a syntax error (1 in 10), and a crash on import (1 in 10). LOOPING
of them (default 0) are instead a `while True: pass` inside every function. With --only (e.g.
`--only functions`), every submission is of that one exercise (still cycling through the variants).
EXERCISES (e.g. `03-functions,05-loops`) replaces the three exercises by these week-1 ones.
"""
import pathlib
import re
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXERCISES = [("01-week1", "03-functions", "functions.py"),
             ("01-week1", "04-if-else", "if_else.py"),
             ("01-week1", "06-calculator", "calculator.py")]


def variant(i, stage, slug, solution):
    bads = sorted((ROOT / "graders" / stage / slug / "bad").glob("*.py"))
    kind = (i // len(EXERCISES)) % 10 if len(EXERCISES) > 1 else i % 10
    if kind < 4:
        return solution
    if kind < 8:
        return bads[(i // len(EXERCISES) if len(EXERCISES) > 1 else i) % len(bads)].read_text()
    if kind == 8:
        return solution + "\nprint('this line never closes'\n"
    return "raise RuntimeError('crashes on import')\n" + solution


def main():
    global EXERCISES
    args = sys.argv[1:]
    if args[:1] == ["--only"]:
        EXERCISES = [e for e in EXERCISES if e[1].split("-", 1)[1] == args[1]]
        if not EXERCISES:
            sys.exit("--only: no such exercise in the cohort: " + args[1])
        args = args[2:]
    out = pathlib.Path(args[0])
    total = int(args[1]) if len(args) > 1 else 200
    looping = int(args[2]) if len(args) > 2 else 0
    if len(args) > 3:
        EXERCISES = [("01-week1", slug, slug.split("-", 1)[1].replace("-", "_") + ".py")
                     for slug in args[3].split(",")]
    if out.exists():
        shutil.rmtree(out)
    for i in range(total):
        stage, slug, entry = EXERCISES[i % len(EXERCISES)]
        student = f"s{i // len(EXERCISES):03d}"
        solution = (ROOT / "graders" / stage / slug / "solution.py").read_text()
        text = variant(i, stage, slug, solution)
        if looping and i % (total // looping) == total // looping - 1:
            text = re.sub(r"^(def [^\n]*:\n)", r"\1    while True:\n        pass\n", solution, flags=re.M)
        target = out / student / "exercises" / stage / slug / entry
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        for data in (ROOT / "exercises" / stage / slug).iterdir():
            if data.suffix not in (".py", ".md"):
                shutil.copy(data, target.parent / data.name)


if __name__ == "__main__":
    main()
