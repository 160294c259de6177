"""Month 1: handling errors with try/except and raise.

Fill in each function. Run this file to try them out:  python errors.py
"""


def safe_int(text):
    """Return int(text), or None if text isn't a whole number."""
    # TODO: try int(text), and catch the ValueError it raises for bad text
    return None


def check_age(age):
    """Return age if it's an int from 0 to 150; otherwise raise TypeError/ValueError."""
    # TODO: if not isinstance(age, int): raise TypeError(...)
    # TODO: raise ValueError("age cannot be negative") for negative ages
    # TODO: raise ValueError("age cannot be over 150") for ages above 150
    return age


def ask_int(prompt):
    """Ask with input(prompt) until the answer is a whole number; return it as an int."""
    answer = input(prompt)
    # TODO: keep asking while the answer isn't a whole number,
    #       printing a message with the words "whole number" each time
    return 0


if __name__ == "__main__":
    print(safe_int("42"), safe_int("forty-two"))
    print(check_age(30))
    print("You typed", ask_int("Type a whole number: "))
