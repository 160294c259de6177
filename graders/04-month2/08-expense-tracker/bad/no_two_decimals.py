# sprout-bad: writes and prints amounts as Python shows floats (4.5, 32.0) instead of with 2 decimals
# must-fail: add creates the file with its header, add accepts a whole amount, add without --date uses today, add quotes a note that has a comma, list shows each expense with 2 decimals, list shows amounts with 2 decimals even when the file has fewer, summary totals every category, summary --month counts only that month, summary --month for another month, summary of a month without expenses, summary on the first run
import argparse
import csv
import datetime
import os
import sys

FILENAME = "expenses.csv"
FIELDS = ["date", "amount", "category", "note"]


def load_expenses():
    if not os.path.exists(FILENAME):
        return []
    with open(FILENAME, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def parse_amount(parser, text):
    try:
        amount = float(text)
    except ValueError:
        parser.error(f"the amount must be a number, not {text!r}")
    if not 0 < amount < float("inf"):
        parser.error(f"the amount must be more than 0, not {text}")
    return amount


def parse_date(parser, text):
    try:
        return datetime.datetime.strptime(text, "%Y-%m-%d").date().isoformat()
    except ValueError:
        parser.error(f"the date must be a real date written YYYY-MM-DD, not {text!r}")


def add(parser, args):
    amount = parse_amount(parser, args.amount)
    date = parse_date(parser, args.date) if args.date else datetime.date.today().isoformat()
    new_file = not os.path.exists(FILENAME)
    with open(FILENAME, "a", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        if new_file:
            writer.writerow(FIELDS)
        writer.writerow([date, amount, args.category, args.note])
    print(f"Added {amount:.2f} for {args.category} on {date}")


def show_list(args):
    expenses = load_expenses()
    if not expenses:
        print("No expenses yet.")
    for e in expenses:
        line = f"{e['date']}  {float(e['amount'])}  {e['category']}"
        if e["note"]:
            line += f"  {e['note']}"
        print(line)


def summary(args):
    totals = {}
    for e in load_expenses():
        if args.month and not e["date"].startswith(args.month + "-"):
            continue
        totals[e["category"]] = totals.get(e["category"], 0.0) + float(e["amount"])
    for category in sorted(totals):
        print(f"{category}: {round(totals[category], 2)}")
    print(f"Total: {round(sum(totals.values()), 2)}")


def main(argv):
    parser = argparse.ArgumentParser(prog="expenses.py", description="Track your expenses.")
    commands = parser.add_subparsers(dest="command", required=True)
    add_parser = commands.add_parser("add", help="add an expense")
    add_parser.add_argument("amount", help="how much, e.g. 12.50")
    add_parser.add_argument("category", help="e.g. food")
    add_parser.add_argument("--date", help="YYYY-MM-DD (default: today)")
    add_parser.add_argument("--note", default="", help="a few words about it")
    commands.add_parser("list", help="show every expense")
    summary_parser = commands.add_parser("summary", help="totals by category")
    summary_parser.add_argument("--month", help="only this month, YYYY-MM")
    args = parser.parse_args(argv)
    if args.command == "add":
        add(add_parser, args)
    elif args.command == "list":
        show_list(args)
    else:
        summary(args)


if __name__ == "__main__":
    main(sys.argv[1:])
