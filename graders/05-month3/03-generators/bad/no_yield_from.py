# sprout-bad: read_all says `yield read_lines(path)`: it hands out generator objects instead of their lines
# must-fail: read_all yields the lines of every file in turn, read_all opens a file only when its lines are wanted
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
        yield read_lines(path)


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
