# sprout-bad: uses // (whole-number division), so the discount comes back as a whole number
# must-fail: apply_discount takes 10% off by default, apply_discount with another percent, apply_discount with percent as a keyword, apply_discount of 0% keeps the price, apply_discount on a decimal price

total_points = 0


def make_greeting(name, greeting="Hello"):
    return f"{greeting}, {name}!"


def print_greeting(name, greeting="Hello"):
    print(make_greeting(name, greeting))


def apply_discount(price, percent=10):
    return price * (100 - percent) // 100


def add_score(score, scores=None):
    if scores is None:
        scores = []
    scores.append(score)
    return scores


def add_points(current, points):
    return current + points
