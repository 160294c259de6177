"""Month 3: stacks, queues, dicts and sets, used for real.

Fill in each TODO. Run this file to try your code:  python data_structures.py
"""
import string
from collections import defaultdict, deque


class Stack:
    """Last in, first out: the last item pushed is the first one popped."""

    def __init__(self):
        self._items = []

    def push(self, item):
        # TODO: put item on top of the stack
        pass

    def pop(self):
        # TODO: remove and return the top item; on an empty stack
        #       raise IndexError("pop from empty stack")
        pass

    def peek(self):
        # TODO: return the top item WITHOUT removing it; on an empty stack
        #       raise IndexError("peek at empty stack")
        pass

    def is_empty(self):
        # TODO: True when there is nothing on the stack
        return True

    def __len__(self):
        # TODO: how many items are on the stack
        return 0


class Queue:
    """First in, first out, like a line at a till."""

    def __init__(self):
        # TODO: keep the items in a collections.deque, not a list
        self._items = []

    def enqueue(self, item):
        # TODO: add item at the back of the line
        pass

    def dequeue(self):
        # TODO: remove and return the item at the front of the line; on an empty
        #       queue raise IndexError("dequeue from empty queue")
        pass

    def is_empty(self):
        # TODO
        return True

    def __len__(self):
        # TODO
        return 0


def balanced(text):
    """True when every bracket in text is closed by the right one, in the right order."""
    # TODO: push each opening bracket on a Stack; a closing bracket must match the top
    return False


def word_counts(text):
    """How often each word appears, ignoring case and the punctuation around words."""
    # TODO: a dict from word to count
    return {}


def first_repeated(items):
    """The first item that shows up a second time, or None when nothing repeats."""
    # TODO: remember what you have seen in a set
    return None


def group_by_length(words):
    """A dict from word length to the words of that length, in their original order."""
    # TODO: a defaultdict(list) makes this short; return a plain dict at the end
    return {}


if __name__ == "__main__":
    s = Stack()
    s.push(1)
    s.push(2)
    print(s.pop(), len(s))                      # 2 1
    q = Queue()
    q.enqueue("Ann")
    q.enqueue("Bo")
    print(q.dequeue())                          # Ann
    print(balanced("f(a[0]) { }"))              # True
    print(word_counts("The cat saw the dog."))  # {'the': 2, 'cat': 1, 'saw': 1, 'dog': 1}
    print(first_repeated([3, 1, 4, 1, 5, 3]))   # 1
    print(group_by_length(["hi", "cat", "yo"])) # {2: ['hi', 'yo'], 3: ['cat']}
