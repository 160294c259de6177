import builtins
import json
import os
import sys
import types

import hostile_kit

_REAL = {name: getattr(builtins, name) for name in ("isinstance", "type", "repr", "len", "str")}


class AlwaysEqual(object):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = object.__hash__

    def __repr__(self):
        return "[1, 2, 3]"


def fake_builtins(token):
    """Claims to be the list [1, 2, 3] to every check the harness could make."""
    builtins.isinstance = lambda obj, cls: True
    builtins.type = lambda *args: list
    builtins.repr = lambda obj: "[1, 2, 3]"
    builtins.len = lambda obj: 3
    return AlwaysEqual()


def fake_json(token):
    def dumps(obj, *args, **kwargs):
        return '{"status":"returned","value":{"t":"str","v":"forged-%s"}}' % token

    json.dumps = dumps
    sys.modules["json"] = types.SimpleNamespace(dumps=dumps, loads=json.loads)
    return "not what the case expects"


def no_way_out(token):
    """Without os._exit and os.write the forked child cannot report, nor end the usual way."""
    os._exit = lambda code=0: None
    os.write = lambda fd, data: len(data)
    sys.exit = lambda code=0: None
    return "stuck in the harness"


def harness_internals(token):
    """The harness module is importable from the child: rewrite what it reports."""
    harness = sys.modules.get("__main__")
    patched = []
    for name in ("encode_value", "_safe_repr", "describe_exception"):
        if hasattr(harness, name):
            setattr(harness, name, lambda *a, **k: {"t": "str", "v": "forged-" + token})
            patched.append(name)
    hostile_kit.report(patched=patched)
    return "really returned this"


def still_pristine(token):
    """A later case: every patch above is gone."""
    fresh = all(getattr(builtins, name) is real for name, real in _REAL.items())
    fresh = fresh and json.dumps([1]) == "[1]" and sys.modules["json"] is json
    fresh = fresh and isinstance(os._exit, types.BuiltinFunctionType)
    hostile_kit.report(fresh=fresh)
    return fresh
