# sprout-bad: splits each line on "," by hand, which cuts a quoted field like "Smith, John" in two
# must-fail: reads every row of sales.csv, keeps a comma inside quotes, reads columns in any order, summarizes sales.csv, summary.json holds the same report, summarizes another file, runs with the two file names on the command line
import csv
import json
import sys


def read_sales(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    header = lines[0].split(",")
    rows = []
    for line in lines[1:]:
        row = dict(zip(header, line.split(",")))
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
    top = max(regions, key=regions.get) if regions else None
    report = {"rows": len(rows), "regions": regions, "top_region": top}
    write_json(report, json_path)
    return report


if __name__ == "__main__":
    report = summarize(sys.argv[1], sys.argv[2])
    print(f"Wrote {sys.argv[2]}: {report['rows']} rows, {len(report['regions'])} regions")
