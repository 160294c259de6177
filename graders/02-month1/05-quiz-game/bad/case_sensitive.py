# sprout-bad: check_answer only strips spaces, so 'paris' doesn't match 'Paris'
# must-fail: ignores case and outer spaces, ignores the case of unicode letters, answers ignore case and spaces in the game, unicode answers count in the game

import json
import random
import sys

QUIZ_LENGTH = 3


def load_questions(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        return []


def pick_questions(questions, n, seed):
    rng = random.Random(seed)
    return rng.sample(questions, min(n, len(questions)))


def check_answer(given, correct):
    return given.strip() == correct.strip()


def get_seed(args):
    if len(args) >= 2 and args[0] == "--seed":
        return int(args[1])
    return None


def main():
    questions = load_questions("questions.json")
    picked = pick_questions(questions, QUIZ_LENGTH, get_seed(sys.argv[1:]))
    score = 0
    for question in picked:
        answer = input(question["question"] + " ")
        if check_answer(answer, question["answer"]):
            print("Correct!")
            score += 1
        else:
            print(f"Not quite: the answer is {question['answer']}.")
    print(f"Score: {score}/{len(picked)}")


if __name__ == "__main__":
    main()
