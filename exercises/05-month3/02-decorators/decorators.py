"""Month 3: decorators, functions that wrap other functions.

Fill in each function. Run this file to try them out:  python decorators.py
"""
import functools


def apply_twice(func, value):
    """Call func on value, then call func again on that result, and return it."""
    # TODO: func is a function like any other value: call it twice
    return func(value)


def log_calls(func):
    """Print each call and its result: `calling add(2, 3)`, then `add returned 5`."""

    # TODO: @functools.wraps(func) goes on the line above `def wrapper`
    def wrapper(*args, **kwargs):
        # TODO: print "calling add(2, 3)" before the call and "add returned 5" after it
        return func(*args, **kwargs)

    return wrapper


def count_calls(func):
    """Count the calls in `.calls` on the decorated function."""
    # TODO: a wrapper with a `calls` attribute that starts at 0 and goes up on each call
    return func


def retry(times):
    """Call the function up to `times` times until it does not raise; re-raise the last error."""
    # TODO: refuse a `times` below 1 with ValueError

    def decorator(func):
        # TODO: return a wrapper that tries func again when it raises an Exception
        return func

    return decorator


def memoize(func):
    """Remember each result: the function runs once per distinct set of arguments."""
    # TODO: a dict of results, keyed by the arguments
    return func


def validate_positive(func):
    """Raise ValueError before calling func when an argument is zero or negative."""
    # TODO: check every argument, then call func
    return func


if __name__ == "__main__":

    @log_calls
    def add(a, b):
        """Add two numbers."""
        return a + b

    print(apply_twice(lambda n: n * 10, 2))  # 200
    add(2, 3)  # calling add(2, 3)  then  add returned 5
    print(add.__name__, "-", add.__doc__)  # add - Add two numbers.
