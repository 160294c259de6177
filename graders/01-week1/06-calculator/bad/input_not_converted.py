# sprout-bad: never turns the answers into numbers, so "2" + "3" gives "23" and "7" / "2" crashes
# must-fail: one round: 2 + 3, adds decimal numbers, divides with decimals, several rounds in a row, negative numbers, says when something is not a number, keeps going after a bad number, an empty answer is not a number, the second number is checked too, keeps going after an unknown operator, says you can't divide by zero, keeps going after dividing by zero


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
    print("Calculator. Type q to quit.")
    while True:
        first = input("First number (or q to quit): ")
        if first == "q":
            print("Goodbye!")
            break
        op = input("Operator (+ - * /): ")
        second = input("Second number: ")
        try:
            result = calculate(first, op, second)
        except ZeroDivisionError:
            print("You can't divide by zero!")
        except ValueError:
            print(f"Unknown operator: {op}")
        else:
            print("Result:", result)


if __name__ == "__main__":
    main()
