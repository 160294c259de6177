"""Scenario cases (docs/harness-protocol.md, "Scenario cases"): steps run one after another in the
learner's module namespace, like a REPL session. Each step is observed on its own (its value or
exception, its value's type, what it printed); expectations stay in Java, which judges the steps.
"""

import sys

from .errors import _mro
from .shared import VALUE_TEXT_CAP
from .values import _safe_repr, encode_value
from .wire import _dumps

MAX_STEPS = 100


def decode_steps(req):
    """The compiled steps [(code object, "exec" | "eval")]; ValueError when malformed."""
    steps = req.get("steps")
    if not isinstance(steps, list) or not steps:
        raise ValueError("a scenario case needs a non-empty list of steps")
    if len(steps) > MAX_STEPS:
        raise ValueError("a scenario has at most %d steps" % MAX_STEPS)
    compiled = []
    for number, step in enumerate(steps, 1):
        if not isinstance(step, dict) or step.get("mode") not in ("exec", "eval") \
                or not isinstance(step.get("code"), str):
            raise ValueError("step %d needs code and a mode (exec or eval)" % number)
        name = "<step %d>" % number
        compiled.append((compile(step["code"], name, step["mode"], dont_inherit=True), step["mode"]))
    return compiled


class _StepOutput(object):
    """sys.stdout during a step: writes go on to the case's stdout (its limit still applies) and
    are kept, up to cap characters, as the step's own output."""

    def __init__(self, target, cap):
        self._target = target
        self._cap = cap
        self._parts = []
        self._kept = 0
        self.truncated = False

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError("write() argument must be str, not %s" % type(text).__name__)
        room = self._cap - self._kept
        if len(text) > room:
            self.truncated = True
        if room > 0:
            self._parts.append(text[:room])
            self._kept += min(len(text), room)
        return self._target.write(text)

    def flush(self):
        return self._target.flush()

    def text(self):
        return "".join(self._parts)

    def __getattr__(self, name):  # encoding, isatty, fileno...: as the real stdout
        return getattr(self._target, name)


def run_steps(child, steps):
    """Runs every step in child's module namespace; a step that raises is recorded and the
    session goes on. Returns the case result: status returned, with "steps"."""
    namespace = child.module.__dict__
    cap = int(child.limits["output_bytes"])
    budget = VALUE_TEXT_CAP  # for all the steps' values together, as one value would have
    observed = []
    for code, mode in steps:
        out = _StepOutput(sys.stdout, cap)
        sys.stdout = out
        step = {}
        try:
            value = eval(code, namespace)
            if mode == "eval":
                cls = type(value)
                encoded = encode_value(value, max(0, min(cap, budget)))
                budget -= len(_dumps(encoded))
                step = {"status": "returned", "value": encoded, "repr": _safe_repr(value),
                        "type": getattr(cls, "__name__", "?"), "mro": _mro(cls)}
            else:
                step = {"status": "returned"}
        except SystemExit as e:
            step = {"status": "exited", "exit_code": child.exit_code(e)}
        except MemoryError:
            raise
        except BaseException as e:
            step = {"status": "raised", "exception": child.describe(e)}
            e = None
        finally:
            if sys.stdout is out:
                sys.stdout = out._target
            try:
                out.flush()
            except Exception:
                pass
        step["stdout"] = out.text()
        step["stdout_truncated"] = out.truncated
        observed.append(step)
    return {"status": "returned", "steps": observed}
