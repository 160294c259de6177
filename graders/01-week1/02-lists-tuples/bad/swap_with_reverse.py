# sprout-bad: tries pair.reverse(), but tuples can't be changed (AttributeError)
# must-fail: swaps two numbers, swaps a name and an age, swapping twice gives the pair back, swaps unicode strings


def first_and_last(items):
    return (items[0], items[-1])


def swap(pair):
    pair.reverse()
    return pair


def total(prices):
    return sum(prices)


def add_item(items, item):
    items.append(item)
    return items


def middle(items):
    return items[1:-1]
