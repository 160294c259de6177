"""Month 3: context managers, the `with` statement and what it promises.

Fill in each TODO. Run this file to try your code:  python context_managers.py
"""
import os
import time
from contextlib import contextmanager, suppress


def longest_line(path):
    """The longest line of a UTF-8 text file, without its newline ("" for an empty file)."""
    # TODO: open the file in a `with` block, so it is closed even when reading fails
    f = open(path, encoding="utf-8")
    lines = f.read().split("\n")
    f.close()
    return lines[0]


class Timer:
    """Measures how long a `with` block takes: `with Timer() as t: ...`, then `t.elapsed`."""

    def __init__(self, clock=time.perf_counter):
        self.clock = clock
        self.elapsed = None

    def __enter__(self):
        # TODO: remember when the block starts (call self.clock()), and return the timer
        pass

    def __exit__(self, exc_type, exc_value, traceback):
        # TODO: set self.elapsed, even when the block raised an error; don't hide that error
        pass


@contextmanager
def atomic_write(path):
    """Write to `path` all at once: the file changes only when the whole block succeeds."""
    # TODO: write to path + ".tmp" instead, and move it onto path only if the block succeeds;
    #       after an error, delete the temporary file and let the error go on
    with open(path, "w", encoding="utf-8") as f:
        yield f


def remove_if_exists(path):
    """Delete the file at `path`: True if it was there, False if it was already gone."""
    # TODO: `with suppress(FileNotFoundError):` around the removal
    os.remove(path)
    return True


if __name__ == "__main__":
    with Timer() as t:
        total = sum(range(1_000_000))
    print(f"adding up took {t.elapsed} seconds")
    with atomic_write("greeting.txt") as f:
        f.write("hi\nhello, world\nhey\n")
    print(longest_line("greeting.txt"))     # hello, world
    print(remove_if_exists("greeting.txt"))  # True
    print(remove_if_exists("greeting.txt"))  # False
