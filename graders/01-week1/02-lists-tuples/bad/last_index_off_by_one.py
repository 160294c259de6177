# sprout-bad: uses items[len(items)] for the last item, one step past the end (IndexError)
# must-fail: first and last of a list of numbers, first and last of a list of words, one item is both first and last, first and last of a tuple


def first_and_last(items):
    return (items[0], items[len(items)])


def swap(pair):
    a, b = pair
    return (b, a)


def total(prices):
    return sum(prices)


def add_item(items, item):
    items.append(item)
    return items


def middle(items):
    return items[1:-1]
