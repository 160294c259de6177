# sprout-bad: copies the list and calls .sort() on the copy
# must-fail: sorting is written by hand


def linear_search(items, target):
    """Return the index of the first item equal to target, or -1 if it is not there."""
    for index, item in enumerate(items):
        if item == target:
            return index
    return -1


def binary_search(items, target):
    """items is sorted, smallest first. Return an index of target, or -1, halving the range each step."""
    low, high = 0, len(items) - 1
    while low <= high:
        middle = (low + high) // 2
        if items[middle] == target:
            return middle
        if items[middle] < target:
            low = middle + 1
        else:
            high = middle - 1
    return -1


def sort(numbers):
    """Insertion sort, in place: each number slides left past the bigger ones before it."""
    for i in range(1, len(numbers)):
        current = numbers[i]
        j = i - 1
        while j >= 0 and numbers[j] > current:
            numbers[j + 1] = numbers[j]
            j -= 1
        numbers[j + 1] = current
    return numbers


def sort_numbers(numbers):
    """Return a new list with the numbers from smallest to largest; the given list is left as it was."""
    copy = list(numbers)
    copy.sort()
    return copy


def two_sum(numbers, target):
    """Return (i, j) with i < j and numbers[i] + numbers[j] == target, or None if no pair adds up."""
    seen = {}
    for j, number in enumerate(numbers):
        if target - number in seen:
            return (seen[target - number], j)
        if number not in seen:
            seen[number] = j
    return None


def is_palindrome(text):
    """True when text reads the same backwards, counting only letters and digits, ignoring case."""
    kept = [ch.lower() for ch in text if ch.isalnum()]
    left, right = 0, len(kept) - 1
    while left < right:
        if kept[left] != kept[right]:
            return False
        left += 1
        right -= 1
    return True


if __name__ == "__main__":
    print(linear_search([4, 2, 7], 7))
    print(binary_search([1, 3, 5, 7, 9], 7))
    print(sort_numbers([3, 1, 2]))
    print(two_sum([2, 7, 11, 15], 9))
    print(is_palindrome("Never odd or even"))
