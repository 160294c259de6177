# sprout-bad: accepts --month but never uses it: the summary always counts every month
# must-fail: summary --month counts only that month, summary --month for another month, summary of a month without expenses
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
        writer.writerow([date, f"{amount:.2f}", args.category, args.note])
    print(f"Added {amount:.2f} for {args.category} on {date}")


def show_list(args):
    expenses = load_expenses()
    if not expenses:
        print("No expenses yet.")
    for e in expenses:
        line = f"{e['date']}  {float(e['amount']):.2f}  {e['category']}"
        if e["note"]:
            line += f"  {e['note']}"
        print(line)


def summary(args):
    totals = {}
    for e in load_expenses():
        totals[e["category"]] = totals.get(e["category"], 0.0) + float(e["amount"])
    for category in sorted(totals):
        print(f"{category}: {totals[category]:.2f}")
    print(f"Total: {sum(totals.values()):.2f}")


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
