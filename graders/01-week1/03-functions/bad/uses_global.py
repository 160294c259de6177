# sprout-bad: add_points writes its answer into the global total_points with the global keyword
# must-fail: add_points leaves the global alone

total_points = 0


def make_greeting(name, greeting="Hello"):
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
    global total_points
    total_points = current + points
    return total_points
