# Saturday mini-project: a calculator.


def calculate(a, op, b):
    """Return a op b for op in + - * /.

    Dividing by zero raises ZeroDivisionError; any other op raises ValueError.
    """
    if op == "+":
        return a + b
    elif op == "-":
        return a - b
    elif op == "*":
        return a * b
    elif op == "/":
        return a / b  # Python raises ZeroDivisionError by itself when b is 0
    else:
        raise ValueError(f"Unknown operator: {op}")


def main():
    print("Calculator. Type q to quit.")
    while True:
        first = input("First number (or q to quit): ")
        if first == "q":
            print("Goodbye!")
            break
        op = input("Operator (+ - * /): ")
        second = input("Second number: ")

        try:
            a = float(first)
            b = float(second)
        except ValueError:
            print("Oops: that's not a number.")
            continue

        try:
            result = calculate(a, op, b)
        except ZeroDivisionError:
            print("You can't divide by zero!")
        except ValueError:
            print(f"Unknown operator: {op} (use + - * or /)")
        else:
            print("Result:", result)


if __name__ == "__main__":
    main()
