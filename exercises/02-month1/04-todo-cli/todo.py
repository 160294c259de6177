"""Month 1 project: a to-do list on the command line.

Try it:  python todo.py add Buy milk
         python todo.py list
"""
import json
import sys

FILENAME = "todo.json"


def load_todos():
    """Return the list of to-dos saved in todo.json ([] if there is no file yet)."""
    # TODO: open FILENAME with encoding="utf-8" and json.load it
    # TODO: on the first run the file doesn't exist: return an empty list
    return []


def save_todos(todos):
    """Write the list of to-dos to todo.json."""
    # TODO: open FILENAME for writing and json.dump the list into it
    pass


def main(args):
    if not args:
        print("TODO: no command given: complain and exit with status 1")
        return
    command = args[0]
    todos = load_todos()
    if command == "add":
        title = " ".join(args[1:])
        print("TODO: add", title)
    elif command == "list":
        print("TODO: print the to-dos, numbered from 1")
    elif command == "done":
        print("TODO: mark a to-do as done")
    elif command == "remove":
        print("TODO: remove a to-do")
    else:
        print("TODO: unknown command", command)


if __name__ == "__main__":
    main(sys.argv[1:])
