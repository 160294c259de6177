# sprout-bad: safe_int checks text.isdigit(), which says no to negative numbers and spaces
# must-fail: handles negative numbers and spaces, accepts a negative number after a bad answer

def safe_int(text):
    if text.isdigit():
        return int(text)
    return None


def check_age(age):
    if not isinstance(age, int):
        raise TypeError("age must be a whole number (int)")
    if age < 0:
        raise ValueError("age cannot be negative")
    if age > 150:
        raise ValueError("age cannot be over 150")
    return age


def ask_int(prompt):
    while True:
        number = safe_int(input(prompt))
        if number is not None:
            return number
        print("Sorry, that's not a whole number. Try again!")
