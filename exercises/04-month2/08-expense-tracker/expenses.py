"""Month 2 project: an expense tracker on the command line.

Try it:  python expenses.py add 12.50 food --note lunch
         python expenses.py list
         python expenses.py summary --month 2024-03
"""
import argparse
import csv
import datetime
import os
import sys

FILENAME = "expenses.csv"
FIELDS = ["date", "amount", "category", "note"]


def load_expenses():
    """Return the saved expenses as a list of dicts ([] when expenses.csv doesn't exist yet)."""
    # TODO: read FILENAME with csv.DictReader (encoding="utf-8", newline="")
    return []


def add(parser, args):
    # TODO: check args.amount (a number, more than 0) and args.date (YYYY-MM-DD, a real date);
    #       on a mistake call parser.error("...") BEFORE touching the file
    # TODO: append the row to FILENAME with csv.writer (write the header first if the file is new)
    print("TODO: add", args.amount, args.category)


def show_list(args):
    # TODO: print each expense: date, amount with 2 decimals, category, note
    print("TODO: list")


def summary(args):
    # TODO: total per category (only args.month's expenses when it is given), then the total
    print("TODO: summary")


def main(argv):
    parser = argparse.ArgumentParser(prog="expenses.py", description="Track your expenses.")
    commands = parser.add_subparsers(dest="command", required=True)
    add_parser = commands.add_parser("add", help="add an expense")
    add_parser.add_argument("amount", help="how much, e.g. 12.50")
    add_parser.add_argument("category", help="e.g. food")
    # TODO: the options --date and --note
    commands.add_parser("list", help="show every expense")
    # TODO: the summary command, with its option --month
    args = parser.parse_args(argv)
    if args.command == "add":
        add(add_parser, args)
    elif args.command == "list":
        show_list(args)
    else:
        summary(args)


if __name__ == "__main__":
    main(sys.argv[1:])
