# sprout-bad: count_lines counts newline characters, so a last line without a newline is missed
# must-fail: counts a last line that has no newline

def count_lines(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read().count("\n")
    except FileNotFoundError:
        return 0


def append_line(path, line):
    with open(path, "a", encoding="utf-8") as f:
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
