"""Month 1: dictionaries and sets.

Fill in each function. Run this file to try them out:  python dicts_sets.py
"""


def word_counts(text):
    """Return a dict mapping each (lower-cased, punctuation-stripped) word to its count."""
    counts = {}
    # TODO: loop over text.split(), clean each word up, and count it in `counts`
    return counts


def unique_items(items):
    """Return a new list of items without duplicates, in first-seen order."""
    # TODO: a set is great for remembering what you've already seen
    return []


def invert(d):
    """Return a new dict with keys and values swapped (the later key wins)."""
    # TODO: loop over d.items()
    return {}


def in_both(a, b):
    """Return the set of items in both a and b."""
    # TODO: turn a and b into sets first
    return set()


def only_in_first(a, b):
    """Return the set of items in a but not in b."""
    # TODO
    return set()


def in_exactly_one(a, b):
    """Return the set of items in a or b, but not in both."""
    # TODO
    return set()


if __name__ == "__main__":
    print(word_counts("The cat and the hat."))
    print(unique_items([3, 1, 3, 2, 1]))
    print(invert({"a": 1, "b": 2}))
    print(in_both([1, 2, 3], [2, 3, 4]))
    print(only_in_first([1, 2, 3], [2, 3, 4]))
    print(in_exactly_one([1, 2, 3], [2, 3, 4]))
