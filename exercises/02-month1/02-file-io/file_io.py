"""Month 1: reading and writing files.

Fill in each function. Run this file to try them out:  python file_io.py
"""


def count_lines(path):
    """Return the number of lines in the file at `path` (0 if it doesn't exist)."""
    # TODO: open the file with `with open(path, encoding="utf-8") as f:` and count its lines
    # TODO: a missing file raises FileNotFoundError: catch it and return 0
    return -1


def append_line(path, line):
    """Add `line` and a newline to the end of the file; return its new line count."""
    # TODO: which open() mode adds to the end instead of wiping the file?
    return -1


def copy_upper(src, dst):
    """Write an upper-cased copy of src into dst. Return True, or False if src is missing."""
    # TODO: read src, then write text.upper() into dst
    return False


if __name__ == "__main__":
    with open("shopping.txt", "w", encoding="utf-8") as f:
        f.write("milk\neggs\n")
    print(count_lines("shopping.txt"))           # 2
    print(append_line("shopping.txt", "bread"))  # 3
    print(copy_upper("shopping.txt", "LOUD.txt"))  # True
    print(count_lines("no-such-file.txt"))       # 0
