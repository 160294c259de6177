# sprout-bad: counts down with a for loop over range(n, 0, -1) instead of the while loop the README asks for
# must-fail: countdown uses a while loop

def sum_to(n):
    """Return 1 + 2 + ... + n, added up with a loop (0 when n is 0 or negative)."""
    total = 0
    for number in range(1, n + 1):
        total = total + number
    return total


def countdown(n):
    """Print n, n - 1, ..., 1 (one per line), then Liftoff!, using a while loop."""
    for i in range(n, 0, -1):
        print(i)
    print("Liftoff!")


def first_negative(numbers):
    """Return the first number below zero, or None if there isn't one."""
    found = None
    for number in numbers:
        if number < 0:
            found = number
            break
    return found


def multiplication_table(n):
    """Print "n x 1 = n" up to "n x 10 = ..." one line each."""
    for i in range(1, 11):
        print(f"{n} x {i} = {n * i}")
