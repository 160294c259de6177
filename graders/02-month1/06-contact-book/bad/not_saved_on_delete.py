# sprout-bad: deletes the contact in memory but never saves, so it's back on the next run
# must-fail: delete removes a contact from the file

import json

FILENAME = "contacts.json"


def load_contacts(path=FILENAME):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        return {}


def save_contacts(contacts, path=FILENAME):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(contacts, f, indent=2, ensure_ascii=False)


def add_contact(contacts, name, phone):
    name = name.strip()
    phone = phone.strip()
    if not name:
        raise ValueError("name cannot be empty")
    if not phone.isdigit():
        raise ValueError("phone must contain only digits")
    contacts[name] = phone


def search(contacts, text):
    text = text.strip().lower()
    return sorted(name for name in contacts if text in name.lower())


def delete_contact(contacts, name):
    name = name.strip()
    if name in contacts:
        del contacts[name]
        return True
    return False


def show(contacts, names):
    for name in names:
        print(f"{name}: {contacts[name]}")


def main():
    contacts = load_contacts()
    print("Contact book. Commands: add, search, delete, list, quit")
    while True:
        try:
            command = input("> ").strip().lower()
            if command == "quit":
                break
            elif command == "add":
                name = input("Name: ")
                phone = input("Phone: ")
                try:
                    add_contact(contacts, name, phone)
                except ValueError as error:
                    print(f"Error: {error}")
                    continue
                save_contacts(contacts)
                print(f"Saved {name.strip()}.")
            elif command == "search":
                names = search(contacts, input("Search for: "))
                if names:
                    show(contacts, names)
                else:
                    print("No matches.")
            elif command == "delete":
                name = input("Name to delete: ")
                if delete_contact(contacts, name):
                    print(f"Deleted {name.strip()}.")
                else:
                    print(f"No contact named {name.strip()}.")
            elif command == "list":
                if contacts:
                    show(contacts, sorted(contacts))
                else:
                    print("No contacts yet.")
            else:
                print("Unknown command. Try: add, search, delete, list, quit")
        except EOFError:
            print()
            break
    print("Bye!")


if __name__ == "__main__":
    main()
