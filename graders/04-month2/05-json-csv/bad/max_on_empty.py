# sprout-bad: calls max() on the totals without checking for no rows: a header-only file raises ValueError
# must-fail: a header-only file gives an empty report
import csv
import json
import sys


def read_sales(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = []
        for row in csv.DictReader(f):
            row["amount"] = float(row["amount"])
            rows.append(row)
    return rows


def totals_by_region(rows):
    totals = {}
    for row in rows:
        totals[row["region"]] = totals.get(row["region"], 0.0) + row["amount"]
    return {region: round(total, 2) for region, total in totals.items()}


def write_json(data, path):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, ensure_ascii=False)


def summarize(csv_path, json_path):
    rows = read_sales(csv_path)
    regions = totals_by_region(rows)
    top = max(regions, key=regions.get)
    report = {"rows": len(rows), "regions": regions, "top_region": top}
    write_json(report, json_path)
    return report


if __name__ == "__main__":
    report = summarize(sys.argv[1], sys.argv[2])
    print(f"Wrote {sys.argv[2]}: {report['rows']} rows, {len(report['regions'])} regions")
