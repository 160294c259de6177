# Tuesday: lists and tuples.
# Read README.md for what each function returns. Every function *returns* its answer.


def first_and_last(items):
    """Return a tuple (first item, last item)."""
    # TODO: the first item is items[0]; what is the last one?
    pass


def swap(pair):
    """Return the pair (a, b) turned round, as a tuple (b, a)."""
    # TODO
    pass


def total(prices):
    """Return all the numbers in prices added up (0 for an empty list)."""
    # TODO
    pass


def add_item(items, item):
    """Add item to the end of the list items, then return the list."""
    # TODO
    pass


def middle(items):
    """Return everything except the first and last item (a list for a list, a tuple for a tuple)."""
    # TODO: a slice does this in one go
    pass


if __name__ == "__main__":
    # Try your functions here. This part runs when you run the file yourself,
    # not when sprout checks it.
    print(first_and_last([3, 1, 4, 1, 5]))
    print(swap((3, 4)))
