# sprout-bad: atomic_write moves the temporary file onto the target in finally, which also runs after an error
# must-fail: after an error the old file is untouched, a failed atomic_write creates no file at all
"""Month 3: context managers, the `with` statement and what it promises."""
import os
import time
from contextlib import contextmanager, suppress


def longest_line(path):
    """The longest line of a UTF-8 text file, without its newline ("" for an empty file)."""
    longest = ""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if len(line) > len(longest):
                longest = line
    return longest


class Timer:
    """Measures how long a `with` block takes: `with Timer() as t: ...`, then `t.elapsed`."""

    def __init__(self, clock=time.perf_counter):
        self.clock = clock
        self.elapsed = None

    def __enter__(self):
        self.elapsed = None
        self.start = self.clock()
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.elapsed = self.clock() - self.start
        return False  # an error in the block goes on to the caller


@contextmanager
def atomic_write(path):
    """Write to `path` all at once: the file changes only when the whole block succeeds."""
    tmp = path + ".tmp"
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            yield f
    finally:
        os.replace(tmp, path)


def remove_if_exists(path):
    """Delete the file at `path`: True if it was there, False if it was already gone."""
    with suppress(FileNotFoundError):
        os.remove(path)
        return True
    return False


if __name__ == "__main__":
    with Timer() as t:
        total = sum(range(1_000_000))
    print(f"adding up took {t.elapsed:.4f} seconds")
    with atomic_write("greeting.txt") as f:
        f.write("hi\nhello, world\nhey\n")
    print(longest_line("greeting.txt"))     # hello, world
    print(remove_if_exists("greeting.txt"))  # True
    print(remove_if_exists("greeting.txt"))  # False
