# sprout-bad: returns the result of items.append(item), which is always None
# must-fail: adds to a list, adds to an empty list, adding twice keeps both


def first_and_last(items):
    return (items[0], items[-1])


def swap(pair):
    a, b = pair
    return (b, a)


def total(prices):
    return sum(prices)


def add_item(items, item):
    return items.append(item)


def middle(items):
    return items[1:-1]
