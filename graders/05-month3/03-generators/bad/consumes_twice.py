# sprout-bad: min_max calls min() then max() on the input: a generator is empty by the time max() reads it
# must-fail: min_max of a generator, min_max of a one-item iterator
import itertools


def evens():
    n = 0
    while True:
        yield n
        n += 2


def squares(numbers):
    for n in numbers:
        yield n * n


def take(n, iterable):
    return list(itertools.islice(iterable, n))


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            yield line.rstrip("\n")


def read_all(paths):
    for path in paths:
        yield from read_lines(path)


def min_max(numbers):
    return min(numbers), max(numbers)


if __name__ == "__main__":
    print(take(5, evens()))                      # [0, 2, 4, 6, 8]
    print(take(4, squares(itertools.count(1))))  # [1, 4, 9, 16]
    print(min_max(x * x for x in [3, -5, 2]))    # (4, 25)
