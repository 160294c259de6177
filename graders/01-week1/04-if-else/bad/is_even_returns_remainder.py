# sprout-bad: returns n % 2 (a number, and 0 for even) instead of True or False
# must-fail: 4 is even, 7 is not even, 0 is even, -3 is odd, -10 is even

def is_even(n):
    """Return True if n is even, False if it is odd."""
    return n % 2


def sign(n):
    """Return "positive", "negative" or "zero"."""
    if n > 0:
        return "positive"
    elif n < 0:
        return "negative"
    else:
        return "zero"


def grade_letter(score):
    """Return "A", "B", "C", "D" or "F" for a score from 0 to 100."""
    if score >= 90:
        return "A"
    elif score >= 80:
        return "B"
    elif score >= 70:
        return "C"
    elif score >= 60:
        return "D"
    else:
        return "F"


def ticket_price(age):
    """Return the ticket price for a person of this age (0, 5, 10 or 7)."""
    if age < 3:
        return 0
    elif age < 12:
        return 5
    elif age < 65:
        return 10
    else:
        return 7
