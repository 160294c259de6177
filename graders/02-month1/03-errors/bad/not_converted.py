# sprout-bad: ask_int returns the answer from input() without converting it to int
# must-fail: returns the number typed, asks again after bad answers, no complaint about a good answer, accepts a negative number after a bad answer

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
    if age > 150:
        raise ValueError("age cannot be over 150")
    return age


def ask_int(prompt):
    while True:
        answer = input(prompt)
        if safe_int(answer) is not None:
            return answer
        print("Sorry, that's not a whole number. Try again!")
