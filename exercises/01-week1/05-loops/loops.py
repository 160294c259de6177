# Friday: loops.
# Read README.md for exactly what each function returns or prints.


def sum_to(n):
    """Return 1 + 2 + ... + n, added up with a loop (0 when n is 0 or negative)."""
    # TODO: start a total at 0, loop over range(...), add each number
    pass


def countdown(n):
    """Print n, n - 1, ..., 1 (one per line), then Liftoff!, using a while loop."""
    # TODO
    pass


def first_negative(numbers):
    """Return the first number below zero, or None if there isn't one."""
    # TODO: loop, and break (or return) as soon as you find one
    pass


def multiplication_table(n):
    """Print "n x 1 = n" up to "n x 10 = ..." one line each."""
    # TODO
    pass


if __name__ == "__main__":
    # Try your functions here. This part runs when you run the file yourself,
    # not when sprout checks it.
    print(sum_to(5))
    countdown(3)
