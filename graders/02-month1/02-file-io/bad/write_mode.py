# sprout-bad: append_line opens the file with "w", wiping what was there
# must-fail: appends to the end of a file, two appends stay on separate lines, appends a unicode line

def count_lines(path):
    try:
        with open(path, encoding="utf-8") as f:
            return len(f.readlines())
    except FileNotFoundError:
        return 0


def append_line(path, line):
    with open(path, "w", encoding="utf-8") as f:
        f.write(line + "\n")
    return count_lines(path)


def copy_upper(src, dst):
    try:
        with open(src, encoding="utf-8") as f:
            text = f.read()
    except FileNotFoundError:
        return False
    with open(dst, "w", encoding="utf-8") as f:
        f.write(text.upper())
    return True
