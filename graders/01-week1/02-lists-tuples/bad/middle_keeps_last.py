# sprout-bad: slices items[1:], which drops the first item but keeps the last
# must-fail: middle of a list is a list, middle of a tuple is a tuple, middle of two items is empty, middle of three words


def first_and_last(items):
    return (items[0], items[-1])


def swap(pair):
    a, b = pair
    return (b, a)


def total(prices):
    return sum(prices)


def add_item(items, item):
    items.append(item)
    return items


def middle(items):
    return items[1:]
