import os

import hostile_kit

PRISTINE = "this line must be in every case's copy"
SCRIBBLE = "\n# " + "scribbled by the first case" + "\n"  # built at run time: not in the source


def _append(path, text):
    with open(path, "a") as f:
        f.write(text)
    return "appended"


def _create(path):
    with open(path, "w") as f:
        f.write("planted\n")
    return "created"


def _lock_up():
    os.mkdir("locked")
    _create("locked/inside.txt")
    os.chmod("locked", 0)
    os.chmod(".", 0o500)
    return "locked"


def scribble(token, original_dir):
    me = os.path.basename(__file__)
    source, _scratch = hostile_kit.harness_dirs()
    found = {
        "own_copy": hostile_kit.outcome(lambda: _append(__file__, SCRIBBLE)),
        "case_dir": hostile_kit.outcome(lambda: _create("scribble.txt")),
        "original_file": hostile_kit.outcome(lambda: _append(os.path.join(original_dir, me), SCRIBBLE)),
        "original_new": hostile_kit.outcome(lambda: _create(os.path.join(original_dir, "planted.py"))),
        "source_copy": hostile_kit.outcome(lambda: _append(os.path.join(source, me), SCRIBBLE)),
        "source_new": hostile_kit.outcome(lambda: _create(os.path.join(source, "planted.py"))),
        "lock_up": hostile_kit.outcome(_lock_up),
    }
    hostile_kit.report(**found)
    return "scribbled"


def still_pristine(token):
    with open(__file__) as f:
        text = f.read()
    clean = PRISTINE in text and SCRIBBLE not in text
    clean = clean and not any(os.path.exists(n) for n in ("scribble.txt", "planted.py", "locked"))
    hostile_kit.report(clean=clean, listing=sorted(os.listdir(".")))
    return clean
