"""Month 3 project: a small library manager, kept in a SQLite database.

Read README.md first: it lists the tables, the rules and what each method returns.
Try your library at the bottom of the file:  python library_manager.py
"""

import datetime
import sqlite3

LOAN_DAYS = 14  # a loan is due two weeks after the day it starts
MAX_LOANS = 3  # a member may have at most this many books at once


class LoanError(Exception):
    """A rule of the library was broken (the book is out, the member has too many books…)."""


class Book:
    def __init__(self, book_id, title, author):
        # TODO: keep the three values as self.id, self.title and self.author
        pass

    # TODO: __str__, so that str(book) is "#1 Dune by Frank Herbert"


class Member:
    def __init__(self, member_id, name):
        # TODO: keep the values as self.id and self.name
        pass


class Library:
    def __init__(self, path):
        # TODO: open ONE connection, self.conn = sqlite3.connect(path), and create the
        # tables books, members and loans if they do not exist yet (see the README); commit
        pass

    def close(self):
        # TODO: close the connection
        pass

    # TODO: __enter__ and __exit__, so that `with Library("library.db") as lib:` works
    # and closes the library at the end of the block

    def add_book(self, title, author):
        """Save a new book and return it as a Book (with the id the database gave it)."""
        # TODO: INSERT with ? placeholders, commit, return Book(cursor.lastrowid, title, author)
        return None

    def add_member(self, name):
        """Save a new member and return them as a Member."""
        # TODO
        return None

    def lend(self, book_id, member_id, today):
        """Lend a book to a member on the date `today`; return the due date.

        KeyError for a book or member that does not exist; LoanError if the book is already
        lent, or the member already has MAX_LOANS books.
        """
        # TODO: check every rule first, then INSERT the loan with its due date and commit
        return None

    def give_back(self, book_id):
        """End the loan of this book; LoanError if it is not lent."""
        # TODO

    def loans_of(self, member_id):
        """The Books a member has now, sorted by title."""
        # TODO
        return []

    def overdue(self, today):
        """A generator: (title, member name, days late) for each loan due before `today`."""
        # TODO: SELECT the late loans, oldest due date first, and yield one tuple at a time
        return []


if __name__ == "__main__":
    with Library("library.db") as library:
        dune = library.add_book("Dune", "Frank Herbert")
        ann = library.add_member("Ann")
        due = library.lend(dune.id, ann.id, datetime.date(2024, 3, 1))
        print(f"{ann.name} borrowed {dune}, due {due}")
        for title, name, days in library.overdue(datetime.date(2024, 4, 1)):
            print(f"{title} ({name}) is {days} days late")
