# sprout-bad: pick_questions collects into a default list argument, which is shared between calls
# must-fail: the same seed gives the same pick every time

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


def pick_questions(questions, n, seed, picked=[]):
    rng = random.Random(seed)
    for question in rng.sample(questions, min(n, len(questions))):
        picked.append(question)
    return picked


def check_answer(given, correct):
    return given.strip().lower() == correct.strip().lower()


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
