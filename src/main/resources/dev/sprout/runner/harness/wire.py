"""The wire codec: JSON without importing json (and with it re and enum, a third of start-up),
through the C _json scanner and encoder directly; json itself only where _json is missing.
_loads/_dumps behave as json.loads and json.dumps(ensure_ascii=True, allow_nan=False, compact).
"""



# ---- JSON without importing json (and with it re and enum: a third of start-up) -----------------

class _JsonContext(object):
    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}.__getitem__
    memo = None


def _no_default(o):
    raise TypeError("Object of type %s is not JSON serializable" % type(o).__name__)


_json_codec = []


def _codec():
    if not _json_codec:
        try:
            import _json
            scan = _json.make_scanner(_JsonContext())
            encode = _json.make_encoder(None, _no_default, _json.encode_basestring_ascii, None, ":", ",",
                                        False, False, False)
            if "".join(encode({"a": [1, 2.5, None, True, "\u00e9"]}, 0)) != '{"a":[1,2.5,null,true,"\\u00e9"]}':
                raise ValueError("unexpected _json behaviour")
            _json_codec.extend((scan, encode))
        except Exception:
            _json_codec.extend((None, None))
    return _json_codec


def _loads(text):
    scan = _codec()[0]
    if scan is None:
        import json
        return json.loads(text)
    text = text.strip(" \t\r\n")
    try:
        obj, end = scan(text, 0)
    except StopIteration as e:
        raise ValueError("Expecting value: line 1 column %d (char %d)" % (e.value + 1, e.value))
    except ValueError:
        raise
    except Exception as e:  # the C scanner's own error type, whatever it is
        raise ValueError(str(e))
    if end != len(text):
        raise ValueError("Extra data: line 1 column %d (char %d)" % (end + 1, end))
    return obj


def _dumps(obj):
    """JSON text like json.dumps(obj, ensure_ascii=True, allow_nan=False, separators=(",", ":"))."""
    encode = _codec()[1]
    if encode is None:
        import json
        return json.dumps(obj, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
    return "".join(encode(obj, 0))
