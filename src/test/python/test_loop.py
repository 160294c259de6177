import unittest

from harness_loader import module

loop = module("loop")


class Recorder(loop.RequestLoop):
    """A request loop whose handlers only record what they were given."""

    def __init__(self):
        self.calls = []

    def hello(self, req):
        self.calls.append(("hello", req))
        return {"op": "ready"}

    def case(self, req, line):
        self.calls.append(("case", req, line))
        return {"op": "result"}


class DispatchTableTest(unittest.TestCase):

    def test_knows_exactly_the_protocol_ops(self):
        self.assertEqual(sorted(loop.OPS), ["case", "facts", "hello", "load", "postgres", "preload"])

    def test_rejects_an_unknown_op_without_calling_anything(self):
        recorder = Recorder()
        for op in ("nope", "Hello", None, 3, "bye "):
            self.assertEqual(recorder.dispatch(op, {"op": op}, b""),
                             {"op": "error", "message": "unknown op %r" % (op,)})
        self.assertEqual(recorder.calls, [])

    def test_an_unhashable_op_is_unknown_too(self):
        self.assertEqual(Recorder().dispatch(["case"], {}, b"")["op"], "error")

    def test_hands_a_request_to_its_handler(self):
        recorder = Recorder()
        self.assertEqual(recorder.dispatch("hello", {"op": "hello"}, b"{}"), {"op": "ready"})
        self.assertEqual(recorder.dispatch("case", {"op": "case"}, b"raw"), {"op": "result"})
        self.assertEqual(recorder.calls, [("hello", {"op": "hello"}), ("case", {"op": "case"}, b"raw")])


if __name__ == "__main__":
    unittest.main()
