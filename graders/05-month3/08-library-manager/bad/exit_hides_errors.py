# sprout-bad: __exit__ returns True, which tells Python to throw away any error raised inside the with block
# must-fail: an error inside the with block is not hidden

"""Month 3 project: a small library manager, kept in a SQLite database."""

import datetime
import sqlite3

LOAN_DAYS = 14  # a loan is due two weeks after the day it starts
MAX_LOANS = 3  # a member may have at most this many books at once


class LoanError(Exception):
    """A rule of the library was broken (the book is out, the member has too many books…)."""


class Book:
    def __init__(self, book_id, title, author):
        self.id = book_id
        self.title = title
        self.author = author

    def __str__(self):
        return f"#{self.id} {self.title} by {self.author}"


class Member:
    def __init__(self, member_id, name):
        self.id = member_id
        self.name = name

    def __str__(self):
        return f"#{self.id} {self.name}"


class Library:
    def __init__(self, path):
        self.conn = sqlite3.connect(path)
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS books ("
            " id INTEGER PRIMARY KEY, title TEXT NOT NULL, author TEXT NOT NULL)"
        )
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS members (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"
        )
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS loans ("
            " book_id INTEGER NOT NULL, member_id INTEGER NOT NULL, due TEXT NOT NULL)"
        )
        self.conn.commit()

    def close(self):
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.close()
        return True

    def add_book(self, title, author):
        cursor = self.conn.execute(
            "INSERT INTO books (title, author) VALUES (?, ?)", (title, author)
        )
        self.conn.commit()
        return Book(cursor.lastrowid, title, author)

    def add_member(self, name):
        cursor = self.conn.execute("INSERT INTO members (name) VALUES (?)", (name,))
        self.conn.commit()
        return Member(cursor.lastrowid, name)

    def lend(self, book_id, member_id, today):
        if self.conn.execute("SELECT 1 FROM books WHERE id = ?", (book_id,)).fetchone() is None:
            raise KeyError(f"no book with id {book_id}")
        if self.conn.execute("SELECT 1 FROM members WHERE id = ?", (member_id,)).fetchone() is None:
            raise KeyError(f"no member with id {member_id}")
        if self.conn.execute("SELECT 1 FROM loans WHERE book_id = ?", (book_id,)).fetchone():
            raise LoanError(f"book {book_id} is already lent")
        (count,) = self.conn.execute(
            "SELECT COUNT(*) FROM loans WHERE member_id = ?", (member_id,)
        ).fetchone()
        if count >= MAX_LOANS:
            raise LoanError(f"member {member_id} already has {MAX_LOANS} books")
        due = today + datetime.timedelta(days=LOAN_DAYS)
        self.conn.execute(
            "INSERT INTO loans (book_id, member_id, due) VALUES (?, ?, ?)",
            (book_id, member_id, due.isoformat()),
        )
        self.conn.commit()
        return due

    def give_back(self, book_id):
        cursor = self.conn.execute("DELETE FROM loans WHERE book_id = ?", (book_id,))
        if cursor.rowcount == 0:
            raise LoanError(f"book {book_id} is not lent")
        self.conn.commit()

    def loans_of(self, member_id):
        rows = self.conn.execute(
            "SELECT books.id, books.title, books.author FROM loans"
            " JOIN books ON books.id = loans.book_id"
            " WHERE loans.member_id = ? ORDER BY books.title",
            (member_id,),
        ).fetchall()
        return [Book(book_id, title, author) for book_id, title, author in rows]

    def overdue(self, today):
        rows = self.conn.execute(
            "SELECT books.title, members.name, loans.due FROM loans"
            " JOIN books ON books.id = loans.book_id"
            " JOIN members ON members.id = loans.member_id"
            " WHERE loans.due < ? ORDER BY loans.due, books.title",
            (today.isoformat(),),
        ).fetchall()
        for title, name, due in rows:
            yield title, name, (today - datetime.date.fromisoformat(due)).days


if __name__ == "__main__":
    with Library("library.db") as library:
        dune = library.add_book("Dune", "Frank Herbert")
        ann = library.add_member("Ann")
        due = library.lend(dune.id, ann.id, datetime.date(2024, 3, 1))
        print(f"{ann.name} borrowed {dune}, due {due}")
        for title, name, days in library.overdue(datetime.date(2024, 4, 1)):
            print(f"{title} ({name}) is {days} days late")
