# Saturday mini-project: a calculator.
# Read README.md: part 1 is calculate(), part 2 is the program in main().


def calculate(a, op, b):
    """Return a op b for op in + - * /.

    Dividing by zero raises ZeroDivisionError; any other op raises ValueError.
    """
    # TODO: if op == "+": return a + b ... and so on for - * /
    # TODO: for any other op: raise ValueError(f"Unknown operator: {op}")
    pass


def main():
    print("Calculator. Type q to quit.")
    # TODO: repeat rounds in a while loop:
    #   1. ask for the first number; if it is "q", say goodbye and stop (break)
    #   2. ask for the operator
    #   3. ask for the second number
    #   4. turn both numbers into floats; if that fails, print a message with "not a number"
    #   5. call calculate() and print the result; catch ZeroDivisionError (message with "by zero")
    #      and ValueError (message with "unknown operator")


if __name__ == "__main__":
    main()
