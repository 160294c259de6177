import json
import math
import unittest

from harness_loader import module

wire = module("wire")


class WireCodecTest(unittest.TestCase):

    def test_round_trips_nested_values(self):
        obj = {"op": "case", "args": [{"t": "int", "v": "12345678901234567890"}, None, True, False],
               "f": 2.5, "neg": -7, "text": "caf\u00e9 \U0001f600 \"quoted\" \\ \n\t", "empty": {}, "list": []}
        self.assertEqual(wire._loads(wire._dumps(obj)), obj)

    def test_writes_what_json_dumps_writes_compact_and_ascii(self):
        obj = {"a": [1, 2.5, None, True, "\u00e9\u2028"], "b": {"c": "x"}}
        self.assertEqual(wire._dumps(obj), json.dumps(obj, ensure_ascii=True, separators=(",", ":")))
        self.assertTrue(wire._dumps({"s": "\U0001f600"}).isascii())

    def test_refuses_nan_and_infinity_on_the_way_out(self):
        for value in (float("nan"), float("inf"), -math.inf):
            with self.assertRaises(ValueError):
                wire._dumps({"v": value})

    def test_refuses_what_is_not_json(self):
        with self.assertRaises(TypeError):
            wire._dumps({"v": object()})

    def test_reads_a_line_with_surrounding_whitespace(self):
        self.assertEqual(wire._loads(' {"op":"hello"}\r\n'), {"op": "hello"})

    def test_rejects_extra_data_and_garbage_as_value_errors(self):
        for text in ('{"op":"hello"} x', "", "{", "[1,]", "nope"):
            with self.assertRaises(ValueError, msg=text):
                wire._loads(text)


if __name__ == "__main__":
    unittest.main()
