import os

import hostile_kit

MIB = 1024 * 1024


def huge_file(token):
    written, error = 0, None
    chunk = b"x" * MIB
    try:
        with open("huge.bin", "wb") as f:
            while written < 10 * 1024 * MIB:
                f.write(chunk)
                f.flush()
                written += MIB
    except OSError as e:
        error = "%s: %s" % (type(e).__name__, e)
    sparse = hostile_kit.outcome(lambda: _sparse())
    hostile_kit.report(written=written, error=error, sparse=sparse)
    return written


def _sparse():
    with open("sparse.bin", "wb") as f:
        f.seek(10 * 1024 * MIB)
        f.write(b"x")
    return os.path.getsize("sparse.bin")


def fill_scratch(token):
    """Files just under the per-file limit, until the scratch space is full (at most 6 = 90 MiB)."""
    total, error = 0, None
    chunk = b"y" * MIB
    try:
        for n in range(6):
            with open("fill-%d.bin" % n, "wb") as f:
                for _ in range(15):
                    f.write(chunk)
                    f.flush()
                    total += MIB
    except OSError as e:
        error = "%s: %s" % (type(e).__name__, e)
    hostile_kit.report(total=total, error=error)
    return total


def many_files(token):
    os.mkdir("many")
    made, error = 0, None
    try:
        while made < 100000:
            with open("many/%d" % made, "w") as f:
                f.write("z" * 100)
            made += 1
    except OSError as e:
        error = "%s: %s" % (type(e).__name__, e)
    hostile_kit.report(made=made, error=error)
    return made
