# sprout-bad: uses separate ifs that each set the price, so a later if overwrites the toddler price
# must-fail: a toddler (age 2) goes free, a newborn (age 0) goes free

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
    price = 10
    if age < 3:
        price = 0
    if age < 12:
        price = 5
    if age >= 65:
        price = 7
    return price
