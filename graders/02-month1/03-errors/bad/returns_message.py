# sprout-bad: check_age returns the error message instead of raising it
# must-fail: a negative age raises ValueError, an age over 150 raises ValueError, a string raises TypeError

def safe_int(text):
    try:
        return int(text)
    except ValueError:
        return None


def check_age(age):
    if not isinstance(age, int):
        return "age must be a whole number (int)"
    if age < 0:
        return "age cannot be negative"
    if age > 150:
        return "age cannot be over 150"
    return age


def ask_int(prompt):
    while True:
        number = safe_int(input(prompt))
        if number is not None:
            return number
        print("Sorry, that's not a whole number. Try again!")
