"""Inputs for the generated (hidden) cases: each function takes a random.Random and a count and
returns that many argument lists. The reference solution answers them; sprout compares."""

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def search_cases(rng, count):
    """A sorted list of distinct numbers and a target: present two times in three, else missing."""
    cases = []
    for i in range(count):
        items = sorted(rng.sample(range(-200, 200), rng.randint(0, 40)))
        if items and i % 3 != 2:
            target = rng.choice(items)
        else:
            target = rng.choice([n for n in range(-210, 210) if n not in items])
        cases.append([items, target])
    return cases


def linear_cases(rng, count):
    """An unsorted list with repeats, so the first match matters, and a target."""
    cases = []
    for i in range(count):
        items = [rng.randint(-5, 5) for _ in range(rng.randint(0, 25))]
        target = rng.choice(items) if items and i % 4 != 3 else 6
        cases.append([items, target])
    return cases


def sort_cases(rng, count):
    """Lists with repeats, negatives, already sorted and reversed runs."""
    cases = []
    for i in range(count):
        numbers = [rng.randint(-50, 50) for _ in range(rng.randint(0, 30))]
        if i % 5 == 3:
            numbers = sorted(numbers, reverse=True)
        cases.append([numbers])
    return cases


def _pairs(numbers, target):
    return [(i, j) for i in range(len(numbers)) for j in range(i + 1, len(numbers))
            if numbers[i] + numbers[j] == target]


def two_sum_cases(rng, count):
    """Distinct numbers with exactly one pair adding up to the target (or none, one time in four).
    Often half the target is in the list too, so adding a number to itself looks like an answer."""
    cases = []
    while len(cases) < count:
        numbers = rng.sample(range(-30, 60), rng.randint(2, 12))
        i, j = sorted(rng.sample(range(len(numbers)), 2))
        target = numbers[i] + numbers[j]
        if len(cases) % 4 == 3:
            target = 1000 + rng.randint(0, 9)
        elif len(cases) % 2 == 0 and target % 2 == 0 and target // 2 not in numbers:
            numbers.insert(0, target // 2)
        if len(_pairs(numbers, target)) <= 1:
            cases.append([numbers, target])
    return cases


def palindrome_cases(rng, count):
    """Mixed-case words and phrases with spaces and punctuation: half palindromes, half almost."""
    cases = []
    for i in range(count):
        half = "".join(rng.choice(LETTERS) for _ in range(rng.randint(1, 6)))
        word = half + (rng.choice(LETTERS) if rng.random() < 0.5 else "") + half[::-1]
        if i % 2 == 1:
            spot = rng.randrange(len(word))
            other = rng.choice([c for c in LETTERS if c != word[len(word) - 1 - spot]])
            word = word[:spot] + other + word[spot + 1:]
        text = ""
        for ch in word:
            text += ch.upper() if rng.random() < 0.3 else ch
            if rng.random() < 0.25:
                text += rng.choice(" ,.!'-")
        cases.append([text])
    return cases
