# sprout-bad: builds and returns lists in the pipeline steps: fine on short lists, never finishes on an endless input
# must-fail: squares works on an endless input, read_lines reads the file as it goes, read_all opens a file only when its lines are wanted
import itertools


def evens():
    n = 0
    while True:
        yield n
        n += 2


def squares(numbers):
    return [n * n for n in numbers]


def take(n, iterable):
    return list(itertools.islice(iterable, n))


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f.readlines()]


def read_all(paths):
    lines = []
    for path in paths:
        lines.extend(read_lines(path))
    return lines


def min_max(numbers):
    it = iter(numbers)
    try:
        low = high = next(it)
    except StopIteration:
        raise ValueError("min_max() of an empty input") from None
    for n in it:
        if n < low:
            low = n
        if n > high:
            high = n
    return low, high


if __name__ == "__main__":
    print(take(5, evens()))                      # [0, 2, 4, 6, 8]
    print(take(4, squares(itertools.count(1))))  # [1, 4, 9, 16]
    print(min_max(x * x for x in [3, -5, 2]))    # (4, 25)
