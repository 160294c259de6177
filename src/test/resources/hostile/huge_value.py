def attack(token):
    """A value far larger than any output limit, returned rather than printed."""
    return "x" * (16 * 1024 * 1024)
