# Wednesday: functions.

# A global scoreboard. add_points must not change it.
total_points = 0


def make_greeting(name, greeting="Hello"):
    """Return "<greeting>, <name>!" (return it, don't print it)."""
    return f"{greeting}, {name}!"


def print_greeting(name, greeting="Hello"):
    """Print the greeting line. Get the text by calling make_greeting."""
    print(make_greeting(name, greeting))


def apply_discount(price, percent=10):
    """Return price with percent % taken off, as a float."""
    return price * (100 - percent) / 100


def add_score(score, scores=None):
    """Append score to scores and return the list; start a new list when scores is None."""
    if scores is None:
        scores = []
    scores.append(score)
    return scores


def add_points(current, points):
    """Return current + points. Don't touch the global total_points."""
    return current + points
