#!/usr/bin/env python3
"""Makes a generated cohort for `sprout grade --batch`: COHORT/<student>/exercises/<stage>/<slug>/<entry>.

Usage: python3 bench/make_cohort.py OUT_DIR [SUBMISSIONS] [LOOPING] [EXERCISES]

Submissions cycle through three exercises of the built-in pack (functions, if-else, calculator)
and, per exercise, through: the reference solution (4 in 10), a known-bad submission from
graders/.../bad/ (4 in 10), a syntax error (1 in 10), and a crash on import (1 in 10). LOOPING
of them (default 0) are instead a `while True: pass` inside every function. EXERCISES (e.g.
`03-functions,05-loops`) replaces the three exercises by these week-1 ones.
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
    kind = (i // len(EXERCISES)) % 10
    if kind < 4:
        return solution
    if kind < 8:
        return bads[(i // len(EXERCISES)) % len(bads)].read_text()
    if kind == 8:
        return solution + "\nprint('this line never closes'\n"
    return "raise RuntimeError('crashes on import')\n" + solution


def main():
    out = pathlib.Path(sys.argv[1])
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    looping = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    if len(sys.argv) > 4:
        EXERCISES[:] = [("01-week1", slug, slug.split("-", 1)[1].replace("-", "_") + ".py")
                        for slug in sys.argv[4].split(",")]
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
