# sprout-bad: counts 'Spam' and 'spam' as different words (never lower-cases)
# must-fail: ignores upper and lower case, strips punctuation at the ends of words, counts unicode words

def word_counts(text):
    counts = {}
    for word in text.split():
        word = word.strip(".,!?;:")
        if word:
            counts[word] = counts.get(word, 0) + 1
    return counts


def unique_items(items):
    seen = set()
    result = []
    for item in items:
        if item not in seen:
            seen.add(item)
            result.append(item)
    return result


def invert(d):
    result = {}
    for key, value in d.items():
        result[value] = key
    return result


def in_both(a, b):
    return set(a) & set(b)


def only_in_first(a, b):
    return set(a) - set(b)


def in_exactly_one(a, b):
    return set(a) ^ set(b)
