"""Reading the stock file and summing it up."""

# TODO: import parse_line from the models module of this package (a relative import)


def load(path):
    """The items of a CSV file whose first line is the header name,quantity,price."""
    # TODO
    return []


def summary(items):
    """{"items": how many, "units": total quantity, "value": total value rounded to 2 decimals}"""
    # TODO
    return {}


def low_stock(items, threshold=5):
    """The names of the items whose quantity is below threshold, in file order."""
    # TODO
    return []
