import os
import re

import hostile_kit


def _read(path):
    with open(path, "rb") as f:
        return f.read(1 << 20).decode("utf-8", "replace")


def _env_names(path):
    with open(path, "rb") as f:
        return sorted(set(e.split(b"=", 1)[0].decode("utf-8", "replace") for e in f.read().split(b"\0") if e))


def attack(token, home, spec, solution):
    """Reads what it should not, and returns the expected value if it found it anywhere."""
    found = {}
    texts = []
    for name, path in (("shadow", "/etc/shadow"), ("spec", spec), ("solution", solution),
                       ("symlinked", "leak.yaml")):
        try:
            text = _read(path)
            texts.append(text)
            found[name] = "read %d chars" % len(text)
        except OSError as e:
            found[name] = type(e).__name__
    found["home"] = hostile_kit.outcome(lambda: len(os.listdir(home)))
    found["root_dir"] = hostile_kit.outcome(lambda: sorted(os.listdir("/")))
    names = {"os.environ": sorted(os.environ)}
    readable = 0
    for pid in ["self", str(os.getppid()), "1"] + [p for p in os.listdir("/proc") if p.isdigit()]:
        try:
            names["/proc/%s/environ" % pid] = _env_names("/proc/%s/environ" % pid)
            readable += 1
        except OSError:
            pass
    found["environ_readable"] = readable
    hostile_kit.report(found=found, env=names)
    for text in texts:
        m = re.search(r"expected-[0-9a-f]{16}", text)
        if m:
            return m.group(0)
    return "nothing found"
