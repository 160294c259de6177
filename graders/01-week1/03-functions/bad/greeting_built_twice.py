# sprout-bad: print_greeting builds the text again instead of calling make_greeting
# must-fail: print_greeting reuses make_greeting

total_points = 0


def make_greeting(name, greeting="Hello"):
    return f"{greeting}, {name}!"


def print_greeting(name, greeting="Hello"):
    print(f"{greeting}, {name}!")


def apply_discount(price, percent=10):
    return price * (100 - percent) / 100


def add_score(score, scores=None):
    if scores is None:
        scores = []
    scores.append(score)
    return scores


def add_points(current, points):
    return current + points
