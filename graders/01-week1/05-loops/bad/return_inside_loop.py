# sprout-bad: return total is indented inside the for loop, so it returns after the first number
# must-fail: sum_to(5) is 15, sum_to(100) is 5050, sum_to(0) is 0, sum_to of a negative number is 0

def sum_to(n):
    """Return 1 + 2 + ... + n, added up with a loop (0 when n is 0 or negative)."""
    total = 0
    for number in range(1, n + 1):
        total = total + number
        return total


def countdown(n):
    """Print n, n - 1, ..., 1 (one per line), then Liftoff!, using a while loop."""
    while n > 0:
        print(n)
        n = n - 1
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
