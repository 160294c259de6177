"""python -m inventory report FILE"""

import sys

from .report import load, low_stock, summary


def main(argv):
    if len(argv) != 2 or argv[0] != "report":
        print("Usage: python -m inventory report FILE")
        return 2
    items = load(argv[1])
    totals = summary(items)
    print(f"Items: {totals['items']}")
    print(f"Units: {totals['units']}")
    print(f"Value: {totals['value']:.2f}")
    low = low_stock(items)
    print("Low stock: " + (", ".join(low) if low else "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
