import os

import hostile_kit


def _append(path):
    with open(path, "a") as f:
        f.write("changed by learner code\n")
    return "appended"


def _create(path):
    with open(path, "x") as f:
        f.write("planted by learner code\n")
    return "created"


def _replace(canary):
    _create("replacement")
    os.replace("replacement", canary)
    return "replaced"


def _through_symlink(canary):
    os.symlink(canary, "link")
    return _append("link")


def attack(token, canary, outside_dir, *shared_dirs):
    found = {
        "canary": hostile_kit.outcome(lambda: _append(canary)),
        "replace": hostile_kit.outcome(lambda: _replace(canary)),
        "symlink": hostile_kit.outcome(lambda: _through_symlink(canary)),
        "chmod": hostile_kit.outcome(lambda: os.chmod(canary, 0o777)),
        "new_outside": hostile_kit.outcome(lambda: _create(os.path.join(outside_dir, "planted-" + token))),
    }
    for d in shared_dirs:
        found[d] = hostile_kit.outcome(lambda d=d: _create(os.path.join(d, "hostile-" + token)))
    hostile_kit.report(**found)
    return "written"
