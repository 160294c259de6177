# sprout-bad: peek uses pop(), so looking at the top item takes it off the stack
# must-fail: peek looks at the top without taking it, a stack holds any value even None
"""Month 3: stacks, queues, dicts and sets, used for real."""
import string
from collections import defaultdict, deque

PAIRS = {")": "(", "]": "[", "}": "{"}


class Stack:
    """Last in, first out: the last item pushed is the first one popped."""

    def __init__(self):
        self._items = []

    def push(self, item):
        self._items.append(item)

    def pop(self):
        if not self._items:
            raise IndexError("pop from empty stack")
        return self._items.pop()

    def peek(self):
        if not self._items:
            raise IndexError("peek at empty stack")
        return self._items.pop()

    def is_empty(self):
        return not self._items

    def __len__(self):
        return len(self._items)


class Queue:
    """First in, first out, like a line at a till."""

    def __init__(self):
        self._items = deque()

    def enqueue(self, item):
        self._items.append(item)

    def dequeue(self):
        if not self._items:
            raise IndexError("dequeue from empty queue")
        return self._items.popleft()

    def is_empty(self):
        return not self._items

    def __len__(self):
        return len(self._items)


def balanced(text):
    """True when every bracket in text is closed by the right one, in the right order."""
    stack = Stack()
    for char in text:
        if char in "([{":
            stack.push(char)
        elif char in PAIRS:
            if stack.is_empty() or stack.pop() != PAIRS[char]:
                return False
    return stack.is_empty()


def word_counts(text):
    """How often each word appears, ignoring case and the punctuation around words."""
    counts = {}
    for word in text.lower().split():
        word = word.strip(string.punctuation)
        if word:
            counts[word] = counts.get(word, 0) + 1
    return counts


def first_repeated(items):
    """The first item that shows up a second time, or None when nothing repeats."""
    seen = set()
    for item in items:
        if item in seen:
            return item
        seen.add(item)
    return None


def group_by_length(words):
    """A dict from word length to the words of that length, in their original order."""
    groups = defaultdict(list)
    for word in words:
        groups[len(word)].append(word)
    return dict(groups)


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
