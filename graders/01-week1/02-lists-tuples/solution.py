# Tuesday: lists and tuples.


def first_and_last(items):
    """Return a tuple (first item, last item)."""
    return (items[0], items[-1])


def swap(pair):
    """Return the pair (a, b) turned round, as a tuple (b, a)."""
    a, b = pair
    return (b, a)


def total(prices):
    """Return all the numbers in prices added up (0 for an empty list)."""
    return sum(prices)


def add_item(items, item):
    """Add item to the end of the list items, then return the list."""
    items.append(item)
    return items


def middle(items):
    """Return everything except the first and last item (a list for a list, a tuple for a tuple)."""
    return items[1:-1]
