"""Counts its calls in a file in /dev/shm (and in /tmp when it is writable): a case that starts
from a fresh state always sees call number 1. Writes one small file per place, no more."""
import os


def add(a, b):
    return a + b


def count(token, where):
    path = os.path.join(where, "sprout-counter-" + token)
    try:
        with open(path) as f:
            n = int(f.read() or "0")
    except (OSError, ValueError):
        n = 0
    n += 1
    try:
        with open(path, "w") as f:
            f.write(str(n))
    except OSError as e:
        return "cannot write %s: %s" % (where, type(e).__name__)
    return n
