"""Month 1 project: a quiz game.

Play it:  python quiz.py            (a different game every time)
          python quiz.py --seed 7   (the same game every time)
"""
import json
import random
import sys

QUIZ_LENGTH = 3


def load_questions(path):
    """Return the list of questions in the JSON file at path ([] if it doesn't exist)."""
    # TODO: open the file with encoding="utf-8" and json.load it
    return []


def pick_questions(questions, n, seed):
    """Return n questions (or all, if fewer) in a random order decided by seed."""
    # TODO: use random.Random(seed).sample(...)
    return questions[:n]


def check_answer(given, correct):
    """True if the answers match, ignoring upper/lower case and outer spaces."""
    # TODO: tidy both answers up before comparing them
    return given == correct


def main():
    questions = load_questions("questions.json")
    seed = None
    # TODO: if sys.argv has "--seed N", use int(N) as the seed
    picked = pick_questions(questions, QUIZ_LENGTH, seed)
    score = 0
    for question in picked:
        answer = input(question["question"] + " ")
        # TODO: check the answer, tell the player, and count the right ones
    print("TODO: print the score")


if __name__ == "__main__":
    main()
