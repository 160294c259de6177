# Thursday: if / else.
# Read README.md for the exact answers each function returns.


def is_even(n):
    """Return True if n is even, False if it is odd."""
    # TODO
    pass


def sign(n):
    """Return "positive", "negative" or "zero"."""
    # TODO: if ... elif ... else
    pass


def grade_letter(score):
    """Return "A", "B", "C", "D" or "F" for a score from 0 to 100."""
    # TODO: 90+ is A, 80+ is B, 70+ is C, 60+ is D, anything lower is F
    pass


def ticket_price(age):
    """Return the ticket price for a person of this age (0, 5, 10 or 7)."""
    # TODO: under 3 free, 3-11 pay 5, 12-64 pay 10, 65 and over pay 7
    pass


if __name__ == "__main__":
    # Try your functions here. This part runs when you run the file yourself,
    # not when sprout checks it.
    print(is_even(4), sign(-2), grade_letter(85), ticket_price(30))
