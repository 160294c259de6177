# sprout-bad: copy_upper opens dst before reading src, so a missing src leaves an empty dst behind
# must-fail: a missing source returns False and creates nothing

def count_lines(path):
    try:
        with open(path, encoding="utf-8") as f:
            return len(f.readlines())
    except FileNotFoundError:
        return 0


def append_line(path, line):
    with open(path, "a", encoding="utf-8") as f:
        f.write(line + "\n")
    return count_lines(path)


def copy_upper(src, dst):
    try:
        with open(dst, "w", encoding="utf-8") as out, open(src, encoding="utf-8") as f:
            out.write(f.read().upper())
    except FileNotFoundError:
        return False
    return True
