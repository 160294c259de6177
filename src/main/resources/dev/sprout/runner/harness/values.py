"""Values, type-tagged (docs/harness-protocol.md, "Values"): encode_value with its caps on
depth, elements and text, special floats and subclasses; decode_value for args and kwargs.
"""

import math
import sys

from .shared import MAX_DEPTH, MAX_ELEMENTS, REPR_CAP, VALUE_TEXT_CAP, _M


# ---- values -------------------------------------------------------------------------------------

class _TooBig(Exception):
    pass


def _qualname(cls):
    module = getattr(cls, "__module__", None) or "builtins"
    return "%s.%s" % (module, getattr(cls, "__qualname__", cls.__name__))


def _safe_repr(value):
    try:
        if type(value) in (str, bytes) and len(value) > REPR_CAP:
            value = value[:REPR_CAP]  # the part of a long text that its capped repr shows
        text = repr(value)
        if not isinstance(text, str):
            text = str(type(text))
    except RecursionError:
        text = "<repr failed: RecursionError>"
    except MemoryError:
        raise
    except Exception as e:
        text = "<repr failed: %s>" % type(e).__name__
    if len(text) > REPR_CAP:
        text = text[:REPR_CAP - 3] + "..."
    return text


def _other(value, with_length=False):
    out = {"t": "other", "type": _qualname(type(value)), "repr": _safe_repr(value)}
    if with_length:
        for base in (str, bytes, list, tuple, dict, set, frozenset):
            if isinstance(value, base):
                out["length"] = base.__len__(value)
                break
    return out


def encode_value(value, text_cap=None):
    """The type-tagged JSON of a value. Too deep, too many elements, a str or bytes longer than
    text_cap (the case's output_bytes), or more than VALUE_TEXT_CAP characters of text in all:
    `other`, with the capped repr and the length (a value reaches the JVM like output does)."""
    budget = [MAX_ELEMENTS, VALUE_TEXT_CAP, text_cap if text_cap is not None else VALUE_TEXT_CAP]
    try:
        return _encode(value, 0, budget)
    except (_TooBig, RecursionError):
        return _other(value, True)
    except MemoryError:
        raise
    except Exception:
        return _other(value)


def _int_text(value):
    try:
        return int.__repr__(value)
    except ValueError:  # more digits than sys.get_int_max_str_digits()
        old = sys.get_int_max_str_digits()
        sys.set_int_max_str_digits(0)
        try:
            return int.__repr__(value)
        finally:
            sys.set_int_max_str_digits(old)


def _float_value(value):
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


_CONTAINERS = ((list, "list"), (tuple, "tuple"), (set, "set"), (frozenset, "frozenset"))


def _encode(value, depth, budget):
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_DEPTH:
        raise _TooBig()
    cls = type(value)
    if value is None:
        return {"t": "none"}
    if cls is bool:
        return {"t": "bool", "v": bool(value)}
    out = None
    if isinstance(value, int) and not isinstance(value, bool):
        out = {"t": "int", "v": _int_text(value)}
    elif isinstance(value, float):
        out = {"t": "float", "v": _float_value(value)}
    elif isinstance(value, complex):
        out = {"t": "complex", "re": _float_value(value.real), "im": _float_value(value.imag)}
    elif isinstance(value, str):
        _spend(budget, str.__len__(value))
        out = {"t": "str", "v": str.__str__(value)}
    elif isinstance(value, bytes):
        _spend(budget, bytes.__len__(value) * 4 // 3)
        out = {"t": "bytes", "v": _M.binascii.b2a_base64(bytes(value), newline=False).decode("ascii")}
    elif isinstance(value, dict):
        items = list(dict.items(value))
        if len(items) > MAX_ELEMENTS:
            raise _TooBig()
        out = {"t": "dict", "v": [[_encode(k, depth + 1, budget), _encode(v, depth + 1, budget)]
                                  for k, v in items]}
    else:
        for base, tag in _CONTAINERS:
            if isinstance(value, base):
                items = list(base.__iter__(value))
                if len(items) > MAX_ELEMENTS:
                    raise _TooBig()
                out = {"t": tag, "v": [_encode(x, depth + 1, budget) for x in items]}
                break
    if out is None:
        return _other(value)
    if cls not in (int, float, complex, str, bytes, dict, list, tuple, set, frozenset):
        out["type"] = _qualname(cls)  # a subclass (IntEnum, namedtuple, Counter…): Java decides
    return out


def _spend(budget, size):
    budget[1] -= size
    if budget[1] < 0 or size > budget[2]:
        raise _TooBig()


def decode_value(v):
    if not isinstance(v, dict) or "t" not in v:
        if isinstance(v, list):
            return [decode_value(x) for x in v]
        if isinstance(v, dict):
            return dict((k, decode_value(x)) for k, x in v.items())
        return v
    t = v["t"]
    if t == "none":
        return None
    if t == "bool":
        return bool(v["v"])
    if t == "int":
        return int(v["v"])
    if t == "float":
        return float(v["v"])
    if t == "complex":
        return complex(float(v["re"]), float(v["im"]))
    if t == "str":
        return str(v["v"])
    if t == "bytes":
        return _M.binascii.a2b_base64(v["v"])
    if t == "list":
        return [decode_value(x) for x in v["v"]]
    if t == "tuple":
        return tuple(decode_value(x) for x in v["v"])
    if t == "set":
        return set(decode_value(x) for x in v["v"])
    if t == "frozenset":
        return frozenset(decode_value(x) for x in v["v"])
    if t == "dict":
        return dict((decode_value(k), decode_value(x)) for k, x in v["v"])
    raise ValueError("cannot decode a value tagged %r" % (t,))
