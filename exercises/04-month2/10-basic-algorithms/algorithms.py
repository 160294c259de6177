# Basic algorithms: searching, sorting, two-sum, palindromes.
# Read README.md for exactly what each function returns. Write the loops yourself:
# sorted(), .sort() and .index() are off limits today (helpers of your own are welcome).


def linear_search(items, target):
    """Return the index of the first item equal to target, or -1 if it is not there."""
    # TODO: loop over the positions; return the first one that matches
    pass


def binary_search(items, target):
    """items is sorted, smallest first. Return an index of target, or -1, halving the range each step."""
    # TODO: low = 0, high = len(items) - 1; look at the middle; move low or high past it
    pass


def sort_numbers(numbers):
    """Return a new list with the numbers from smallest to largest; the given list is left as it was."""
    # TODO: copy the list, then insertion sort or bubble sort it
    pass


def two_sum(numbers, target):
    """Return (i, j) with i < j and numbers[i] + numbers[j] == target, or None if no pair adds up."""
    # TODO
    pass


def is_palindrome(text):
    """True when text reads the same backwards, counting only letters and digits, ignoring case."""
    # TODO
    pass


if __name__ == "__main__":
    # Try your functions here; this part runs only when you run the file yourself.
    print(linear_search([4, 2, 7], 7))          # 2
    print(binary_search([1, 3, 5, 7, 9], 7))    # 3
    print(sort_numbers([3, 1, 2]))              # [1, 2, 3]
    print(two_sum([2, 7, 11, 15], 9))           # (0, 1)
    print(is_palindrome("Never odd or even"))   # True
