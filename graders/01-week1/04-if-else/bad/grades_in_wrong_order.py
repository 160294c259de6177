# sprout-bad: checks score >= 60 first, so every passing score becomes a D
# must-fail: 95 is an A, 85 is a B, 75 is a C, 90 is an A (on the line), 80 is a B (on the line), 70 is a C (on the line), 100 is an A, 89.5 is still a B

def is_even(n):
    """Return True if n is even, False if it is odd."""
    return n % 2 == 0


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
    if score >= 60:
        return "D"
    elif score >= 70:
        return "C"
    elif score >= 80:
        return "B"
    elif score >= 90:
        return "A"
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
