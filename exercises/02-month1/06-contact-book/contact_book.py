"""Month 1 project: a contact book.

Run the menu:  python contact_book.py
"""
import json

FILENAME = "contacts.json"


def load_contacts(path=FILENAME):
    """Return the dict of contacts saved at path ({} if the file doesn't exist)."""
    # TODO: json.load the file (encoding="utf-8"); return {} on FileNotFoundError
    return {}


def save_contacts(contacts, path=FILENAME):
    """Write the contacts dict to path as JSON."""
    # TODO: json.dump the dict into the file
    pass


def add_contact(contacts, name, phone):
    """Check name and phone, then store contacts[name] = phone.

    Raise ValueError (mentioning "name") for an empty name, and ValueError
    (mentioning "digits") for a phone that isn't made of digits only.
    """
    # TODO: strip spaces, validate, then store
    pass


def search(contacts, text):
    """Return the sorted names that contain text, ignoring upper/lower case."""
    # TODO
    return []


def delete_contact(contacts, name):
    """Remove the contact; return True, or False if there's no such name."""
    # TODO
    return False


def main():
    contacts = load_contacts()
    print("Contact book. Commands: add, search, delete, list, quit")
    while True:
        try:
            command = input("> ").strip().lower()
        except EOFError:
            break
        if command == "quit":
            break
        # TODO: handle add, search, delete and list (save after every change!)
        print("TODO:", command)


if __name__ == "__main__":
    main()
