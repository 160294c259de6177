# sprout-bad: evens stops at 100 instead of going on forever
# must-fail: evens goes on past 100
import itertools


def evens():
    yield from range(0, 101, 2)


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
