# sprout-bad: returns lists [a, b] where the README asks for tuples (a, b)
# must-fail: first and last of a list of numbers, first and last of a list of words, one item is both first and last, first and last of a tuple, swaps two numbers, swaps a name and an age, swapping twice gives the pair back, swaps unicode strings


def first_and_last(items):
    return [items[0], items[-1]]


def swap(pair):
    return [pair[1], pair[0]]


def total(prices):
    return sum(prices)


def add_item(items, item):
    items.append(item)
    return items


def middle(items):
    return items[1:-1]
