# sprout-bad: uses a list as the default (scores=[]), so every call without a list shares one list
# must-fail: add_score gives each call its own new list, add_score three calls in a row

total_points = 0


def make_greeting(name, greeting="Hello"):
    return f"{greeting}, {name}!"


def print_greeting(name, greeting="Hello"):
    print(make_greeting(name, greeting))


def apply_discount(price, percent=10):
    return price * (100 - percent) / 100


def add_score(score, scores=[]):
    scores.append(score)
    return scores


def add_points(current, points):
    return current + points
