# sprout-bad: crashes with FileNotFoundError on the first run, when todo.json doesn't exist yet
# must-fail: add works on the first run without todo.json, list on the first run says there are no to-dos, done on the first run is an error

import json
import sys

FILENAME = "todo.json"


def load_todos():
    with open(FILENAME, encoding="utf-8") as f:
        return json.load(f)


def save_todos(todos):
    with open(FILENAME, "w", encoding="utf-8") as f:
        json.dump(todos, f, indent=2)


def error(message):
    print("Error:", message)
    sys.exit(1)


def to_index(text, todos):
    """Turn the number the user typed (from 1) into a list index (from 0)."""
    try:
        number = int(text)
    except ValueError:
        error(f"{text!r} is not a number")
    if not 1 <= number <= len(todos):
        error(f"there is no to-do number {number}")
    return number - 1


def main(args):
    if not args:
        error("no command given (try: add, list, done, remove)")
    command, rest = args[0], args[1:]
    todos = load_todos()
    if command == "add":
        title = " ".join(rest).strip()
        if not title:
            error("a to-do needs a title, e.g.: add Buy milk")
        todos.append({"title": title, "done": False})
        save_todos(todos)
        print("Added:", title)
    elif command == "list":
        if not todos:
            print("No to-dos yet.")
        for number, todo in enumerate(todos, start=1):
            box = "x" if todo["done"] else " "
            print(f"{number}. [{box}] {todo['title']}")
    elif command in ("done", "remove"):
        if len(rest) != 1:
            error(f"use: {command} NUMBER")
        index = to_index(rest[0], todos)
        if command == "done":
            todos[index]["done"] = True
            print("Done:", todos[index]["title"])
        else:
            removed = todos.pop(index)
            print("Removed:", removed["title"])
        save_todos(todos)
    else:
        error(f"unknown command {command!r} (try: add, list, done, remove)")


if __name__ == "__main__":
    main(sys.argv[1:])
