# sprout-bad: make_greeting prints the greeting instead of returning it, so it returns None
# must-fail: make_greeting uses Hello by default, make_greeting takes another greeting, make_greeting with greeting as a keyword, make_greeting with a unicode name, make_greeting returns without printing

total_points = 0


def make_greeting(name, greeting="Hello"):
    print(f"{greeting}, {name}!")


def print_greeting(name, greeting="Hello"):
    make_greeting(name, greeting)


def apply_discount(price, percent=10):
    return price * (100 - percent) / 100


def add_score(score, scores=None):
    if scores is None:
        scores = []
    scores.append(score)
    return scores


def add_points(current, points):
    return current + points
