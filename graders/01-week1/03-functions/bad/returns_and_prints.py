# sprout-bad: make_greeting prints the text as well as returning it (a leftover debugging print)
# must-fail: make_greeting returns without printing, print_greeting prints the greeting, print_greeting passes the greeting on

total_points = 0


def make_greeting(name, greeting="Hello"):
    text = f"{greeting}, {name}!"
    print(text)
    return text


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
