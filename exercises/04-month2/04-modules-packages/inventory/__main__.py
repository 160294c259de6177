"""Runs when you type: python -m inventory report stock.csv"""

import sys


def main(argv):
    # TODO: check argv is ["report", FILE] (else print a Usage line and return 2),
    # then load FILE and print the four lines of the README's example.
    print("TODO")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
