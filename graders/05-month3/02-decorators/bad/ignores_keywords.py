# sprout-bad: validate_positive checks the positional arguments only, not the ones given by name
# must-fail: validate_positive checks keyword arguments too
"""Month 3: decorators, functions that wrap other functions."""
import functools


def apply_twice(func, value):
    """Call func on value, then call func again on that result, and return it."""
    return func(func(value))


def log_calls(func):
    """Print each call and its result: `calling add(2, 3)`, then `add returned 5`."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        shown = [repr(arg) for arg in args] + [f"{key}={value!r}" for key, value in kwargs.items()]
        print(f"calling {func.__name__}({', '.join(shown)})")
        result = func(*args, **kwargs)
        print(f"{func.__name__} returned {result!r}")
        return result

    return wrapper


def count_calls(func):
    """Count the calls in `.calls` on the decorated function."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return func(*args, **kwargs)

    wrapper.calls = 0
    return wrapper


def retry(times):
    """Call the function up to `times` times until it does not raise; re-raise the last error."""
    if times < 1:
        raise ValueError(f"retry needs at least 1 attempt, got {times}")

    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            for attempt in range(1, times + 1):
                try:
                    return func(*args, **kwargs)
                except Exception:
                    if attempt == times:
                        raise

        return wrapper

    return decorator


def memoize(func):
    """Remember each result: the function runs once per distinct set of arguments."""
    cache = {}

    @functools.wraps(func)
    def wrapper(*args):
        if args not in cache:
            cache[args] = func(*args)
        return cache[args]

    return wrapper


def validate_positive(func):
    """Raise ValueError before calling func when an argument is zero or negative."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        for value in args:
            if value <= 0:
                raise ValueError(f"expected a positive number, got {value!r}")
        return func(*args, **kwargs)

    return wrapper


if __name__ == "__main__":

    @log_calls
    def add(a, b):
        """Add two numbers."""
        return a + b

    add(2, 3)  # calling add(2, 3) / add returned 5
    print(add.__name__, "-", add.__doc__)  # add - Add two numbers.
