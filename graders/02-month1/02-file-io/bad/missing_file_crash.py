# sprout-bad: count_lines doesn't handle a missing file and crashes with FileNotFoundError
# must-fail: a missing file counts as 0 lines

def count_lines(path):
    with open(path, encoding="utf-8") as f:
        return len(f.readlines())


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
