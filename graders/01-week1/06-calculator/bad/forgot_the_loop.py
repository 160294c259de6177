# sprout-bad: does one round and stops: no while loop, so q is never looked at
# must-fail: quits when you type q, several rounds in a row, keeps going after a bad number, keeps going after an unknown operator, keeps going after dividing by zero


def calculate(a, op, b):
    if op == "+":
        return a + b
    elif op == "-":
        return a - b
    elif op == "*":
        return a * b
    elif op == "/":
        return a / b
    else:
        raise ValueError(f"Unknown operator: {op}")


def main():
    print("Calculator")
    first = input("First number: ")
    op = input("Operator: ")
    second = input("Second number: ")
    try:
        a = float(first)
        b = float(second)
        result = calculate(a, op, b)
        print("Result:", result)
    except ZeroDivisionError:
        print("You can't divide by zero!")
    except ValueError:
        print("Something is wrong: not a number, or an unknown operator.")


if __name__ == "__main__":
    main()
