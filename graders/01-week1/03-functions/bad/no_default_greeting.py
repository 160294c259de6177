# sprout-bad: make_greeting has no default for greeting, so make_greeting("Ana") is a TypeError
# must-fail: make_greeting uses Hello by default, make_greeting with a unicode name, make_greeting returns without printing

total_points = 0


def make_greeting(name, greeting):
    return f"{greeting}, {name}!"


def print_greeting(name, greeting="Hello"):
    print(make_greeting(name, greeting))


def apply_discount(price, percent=10):
    return price * (100 - percent) / 100


def add_score(score, scores=None):
    if scores is None:
        scores = []
    scores.append(score)
    return scores


def add_points(current, points):
    return current + points
