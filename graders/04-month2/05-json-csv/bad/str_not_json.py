# sprout-bad: writes str(data) instead of json.dump: single quotes, None and True are not JSON
# must-fail: writes a dict as JSON, writes null and true as JSON, replaces an existing file, summary.json holds the same report, a header-only file gives an empty report, summarizes another file, runs with the two file names on the command line
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
        f.write(str(data))


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
