"""Reading the stock file and summing it up."""

from .models import parse_line


def load(path):
    """The items of a CSV file whose first line is the header name,quantity,price."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    return [parse_line(line) for line in lines[1:] if line.strip()]


def summary(items):
    return {
        "items": len(items),
        "units": sum(item.quantity for item in items),
        "value": round(sum(item.value() for item in items), 2),
    }


def low_stock(items, threshold=5):
    return [item.name for item in items if item.quantity < threshold]
