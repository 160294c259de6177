# sprout-bad: check_age rejects 150 itself (>= instead of >)
# must-fail: 0 and 150 are both allowed

def safe_int(text):
    try:
        return int(text)
    except ValueError:
        return None


def check_age(age):
    if not isinstance(age, int):
        raise TypeError("age must be a whole number (int)")
    if age < 0:
        raise ValueError("age cannot be negative")
    if age >= 150:
        raise ValueError("age cannot be over 150")
    return age


def ask_int(prompt):
    while True:
        number = safe_int(input(prompt))
        if number is not None:
            return number
        print("Sorry, that's not a whole number. Try again!")
