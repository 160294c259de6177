"""Month 2: from a CSV file of sales to a JSON report.

Fill in each function. Try it:  python sales_report.py sales.csv summary.json
"""
import csv
import json
import sys


def read_sales(path):
    """Return the rows of the CSV file as a list of dicts, with "amount" as a float."""
    # TODO: open the file with encoding="utf-8" and newline="" and read it with csv.DictReader
    # TODO: turn each row's "amount" into a float
    return []


def totals_by_region(rows):
    """Return a dict: region -> total of its amounts, rounded to 2 decimals."""
    # TODO: add each row's amount to its region's total
    return {}


def write_json(data, path):
    """Write `data` to the file at `path` as JSON."""
    # TODO: open the file for writing (encoding="utf-8") and json.dump the data into it
    pass


def summarize(csv_path, json_path):
    """Read the sales, write the report as JSON to json_path, and return the report."""
    # TODO: build {"rows": ..., "regions": ..., "top_region": ...} and write it with write_json
    return {}


if __name__ == "__main__":
    report = summarize(sys.argv[1], sys.argv[2])
    print(f"Wrote {sys.argv[2]}: {report.get('rows')} rows, {len(report.get('regions', {}))} regions")
