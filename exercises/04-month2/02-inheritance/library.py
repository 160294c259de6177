"""Month 2: inheritance, the items of a library.

Try your classes at the bottom of the file:  python library.py
"""


class LibraryItem:
    """Anything the library lends."""

    def __init__(self, title, year):
        # TODO: store title and year, and start with checked_out = False
        pass

    def loan_days(self):
        return 14

    def describe(self):
        # TODO: "Atlas of the World (2001)"
        return ""

    def checkout(self):
        # TODO: raise ValueError if it is already checked out, else mark it checked out
        pass

    def return_item(self):
        # TODO
        pass


# TODO: class Book(LibraryItem) with an author: 21 loan days, "Dune (1965) by Frank Herbert"


# TODO: class DVD(LibraryItem) with minutes: 7 loan days, "Alien (1979), 117 min"


def books_only(items):
    """The items that are books (of any kind), in their order."""
    # TODO: use isinstance
    return []


if __name__ == "__main__":
    item = LibraryItem("Atlas of the World", 2001)
    print(item.describe(), "-", item.loan_days(), "days")
