"""The tables bench/oneshot.sh prints: every command against pytest, and issue #17 targets 1-2 per launcher.

Arguments: hyperfine's JSON, a file of "name<TAB>max RSS kB" lines, the load average before and
after, then the command names in hyperfine's order.
"""
import json, sys
results = json.load(open(sys.argv[1]))["results"]
rss = dict(line.rstrip("\n").split("\t") for line in open(sys.argv[2]))
names = sys.argv[5:]
for name, r in zip(names, results):
    r["name"] = name
    r["rss"] = int(rss.get(name, 0)) / 1024
    r["cpu"] = r["user"] + r["system"]
base = next(r for r in results if r["name"].startswith("pytest"))
print()
print("| command | mean ms | ± ms | median ms | CPU ms | × pytest (mean) | × pytest (CPU) | max RSS MB |")
print("|---|---|---|---|---|---|---|---|")
for r in results:
    print(f"| `{r['name']}` | {r['mean']*1000:.0f} | {r['stddev']*1000:.0f} | {r['median']*1000:.0f} "
          f"| {r['cpu']*1000:.0f} | {r['mean']/base['mean']:.2f} | {r['cpu']/base['cpu']:.2f} | {r['rss']:.0f} |")

# issue #17, targets 1 and 2: one column per launcher
labels = []
for n in names:
    if n.startswith("sprout") and n.split(" ")[0] not in labels:
        labels.append(n.split(" ")[0])
def get(label, cmd):
    return next(r for r in results if r["name"] == f"{label} {cmd}")
others = ("next", "list", "hint functions", "progress", "--help")
rows = [("1. submit / pytest, wall (≤ 1.00)",
         [f"{get(l, 'submit functions')['mean']/base['mean']:.2f}" for l in labels]),
        ("1. submit / pytest, CPU (≤ 1.00)",
         [f"{get(l, 'submit functions')['cpu']/base['cpu']:.2f}" for l in labels])]
for cmd in others:
    rows.append((f"1. `{cmd}` mean ms (≤ 200)", [f"{get(l, cmd)['mean']*1000:.0f}" for l in labels]))
rows.append(("2. submit max RSS MB (≤ 80)", [f"{get(l, 'submit functions')['rss']:.0f}" for l in labels]))
rows.append(("2. largest max RSS of the others MB", [f"{max(get(l, c)['rss'] for c in others):.0f}" for l in labels]))
print()
print("| issue #17 target | " + " | ".join(labels) + " |")
print("|---|" + "---|" * len(labels))
for what, values in rows:
    print(f"| {what} | " + " | ".join(values) + " |")
if len(labels) > 1:
    print()
    print(f"| {labels[0]} / | " + " | ".join(labels[1:]) + " |")
    print("|---|" + "---|" * (len(labels) - 1))
    for cmd in ("submit functions",) + others:
        first = get(labels[0], cmd)
        print(f"| `{cmd}` | " + " | ".join(
            f"{first['mean']/get(l, cmd)['mean']:.2f} wall, {first['cpu']/get(l, cmd)['cpu']:.2f} CPU"
            for l in labels[1:]) + " |")
print(f"\npytest: {base['mean']*1000:.0f} ms mean, {base['cpu']*1000:.0f} ms CPU, {base['rss']:.0f} MB max RSS")
print(f"load average before {sys.argv[3]}, after {sys.argv[4]}: ratios only")
