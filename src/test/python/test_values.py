import enum
import unittest
from collections import OrderedDict, namedtuple

from harness_loader import module

values = module("values")
shared = module("shared")
encode, decode = values.encode_value, values.decode_value


class Colour(enum.IntEnum):
    RED = 1


Point = namedtuple("Point", "x y")


class ValueEncodingTest(unittest.TestCase):

    def test_tags_scalars(self):
        self.assertEqual(encode(None), {"t": "none"})
        self.assertEqual(encode(True), {"t": "bool", "v": True})
        self.assertEqual(encode(10 ** 30), {"t": "int", "v": str(10 ** 30)})
        self.assertEqual(encode(1.5), {"t": "float", "v": 1.5})
        self.assertEqual(encode("hi"), {"t": "str", "v": "hi"})
        self.assertEqual(encode(b"\x00\xff"), {"t": "bytes", "v": "AP8="})
        self.assertEqual(encode(1 + 2j), {"t": "complex", "re": 1.0, "im": 2.0})

    def test_special_floats_travel_as_strings(self):
        self.assertEqual(encode(float("nan")), {"t": "float", "v": "nan"})
        self.assertEqual(encode(float("inf")), {"t": "float", "v": "inf"})
        self.assertEqual(encode(float("-inf")), {"t": "float", "v": "-inf"})

    def test_containers_keep_order_and_nesting(self):
        self.assertEqual(encode([1, (2, "a")]), {"t": "list", "v": [
            {"t": "int", "v": "1"}, {"t": "tuple", "v": [{"t": "int", "v": "2"}, {"t": "str", "v": "a"}]}]})
        self.assertEqual(encode({"b": 1, "a": 2})["v"][0][0], {"t": "str", "v": "b"})
        self.assertEqual(encode(frozenset())["t"], "frozenset")

    def test_subclasses_carry_their_type(self):
        self.assertEqual(encode(Colour.RED), {"t": "int", "v": "1", "type": __name__ + ".Colour"})
        self.assertEqual(encode(Point(1, 2))["type"], __name__ + ".Point")
        self.assertEqual(encode(OrderedDict(a=1))["t"], "dict")

    def test_other_values_are_reported_by_type_and_capped_repr(self):
        class Loud(object):
            def __repr__(self):
                return "x" * 5000
        other = encode(Loud())
        self.assertEqual(other["t"], "other")
        self.assertEqual(len(other["repr"]), shared.REPR_CAP)

    def test_a_repr_that_raises_is_described_not_propagated(self):
        class Broken(object):
            def __repr__(self):
                raise ValueError("no")
        self.assertEqual(encode(Broken())["repr"], "<repr failed: ValueError>")

    def test_too_deep_is_other_with_length(self):
        deep = []
        for _ in range(shared.MAX_DEPTH + 5):
            deep = [deep]
        self.assertEqual(encode(deep)["t"], "other")
        self.assertEqual(encode(deep)["length"], 1)
        shallow = []
        for _ in range(shared.MAX_DEPTH - 1):
            shallow = [shallow]
        self.assertEqual(encode(shallow)["t"], "list")

    def test_too_many_elements_is_other_with_length(self):
        big = list(range(shared.MAX_ELEMENTS + 1))
        self.assertEqual(encode(big)["t"], "other")
        self.assertEqual(encode(big)["length"], shared.MAX_ELEMENTS + 1)

    def test_text_over_the_cap_is_other(self):
        self.assertEqual(encode("x" * 11, text_cap=10), {"t": "other", "type": "builtins.str",
                                                         "repr": repr("x" * 11), "length": 11})
        self.assertEqual(encode("x" * 10, text_cap=10)["t"], "str")

    def test_decoding_builds_what_encoding_described(self):
        for value in (None, True, 3, 2.5, "s", b"b", [1, [2]], (1,), {1, 2}, frozenset({3}), {"k": [1]}, 1j):
            self.assertEqual(decode(encode(value)), value)
            self.assertIs(type(decode(encode(value))), type(value))
        self.assertTrue(decode({"t": "float", "v": "nan"}) != decode({"t": "float", "v": "nan"}))

    def test_decoding_an_unhashable_set_element_fails(self):
        with self.assertRaises(Exception):
            decode({"t": "set", "v": [{"t": "list", "v": []}]})


if __name__ == "__main__":
    unittest.main()
