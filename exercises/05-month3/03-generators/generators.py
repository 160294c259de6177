"""Month 3: generators and lazy pipelines.

Fill in each function. Run this file to try them out:  python generators.py
"""
import itertools


def evens():
    """Yield 0, 2, 4, 6, ... forever."""
    # TODO: a `while True:` loop with `yield` inside
    return [0, 2, 4, 6, 8]


def squares(numbers):
    """Yield the square of each number, one at a time (numbers may never end)."""
    # TODO: yield instead of building a list
    return [n * n for n in numbers]


def take(n, iterable):
    """Return a list of the first n items, reading no more than n of them."""
    # TODO: itertools.islice
    return []


def read_lines(path):
    """Yield each line of the file, without its newline, reading the file as you go."""
    # TODO: open the file (encoding="utf-8") and loop over it line by line
    return []


def read_all(paths):
    """Yield every line of every file, one file after the other."""
    # TODO: `yield from` another generator
    return []


def min_max(numbers):
    """Return (smallest, largest), reading the numbers only once; ValueError if there are none."""
    # TODO: numbers may be a generator: you can loop over it only once
    return min(numbers), max(numbers)


if __name__ == "__main__":
    print(take(5, evens()))                      # [0, 2, 4, 6, 8]
    print(take(4, squares(itertools.count(1))))  # [1, 4, 9, 16]
    print(min_max(x * x for x in [3, -5, 2]))    # (4, 25)
