# Wednesday: functions.
# Read README.md: it lists exactly what each function takes and gives back.

# A global scoreboard. Keep this line as it is: add_points must not change it.
total_points = 0


def make_greeting(name, greeting="Hello"):
    """Return "<greeting>, <name>!" (return it, don't print it)."""
    # TODO
    pass


def print_greeting(name, greeting="Hello"):
    """Print the greeting line. Get the text by calling make_greeting."""
    # TODO
    pass


def apply_discount(price, percent=10):
    """Return price with percent % taken off, as a float."""
    # TODO
    pass


def add_score(score, scores=None):
    """Append score to scores and return the list; start a new list when scores is None."""
    # TODO
    pass


def add_points(current, points):
    """Return current + points. Don't touch the global total_points."""
    # TODO
    pass


if __name__ == "__main__":
    # Try your functions here. This part runs when you run the file yourself,
    # not when sprout checks it.
    print_greeting("Bo", "Hi")
    print(apply_discount(50))
    print(add_score(7))
