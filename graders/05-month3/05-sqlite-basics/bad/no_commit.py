# sprout-bad: forgets conn.commit(), so closing the connection throws the new rows away
# must-fail: add_book creates the books table and saves a book, a name with a quote is saved as written, add_book works again on an existing library.db, three books get ids one to three, a title that looks like SQL is only a title, find_by_author lists an author's titles oldest first, find_by_author works for O'Brien, python library.py add saves the book with its year as a number

import sqlite3
import sys


def create_table(conn):
    conn.execute(
        "CREATE TABLE IF NOT EXISTS books ("
        " id INTEGER PRIMARY KEY,"
        " title TEXT NOT NULL,"
        " author TEXT NOT NULL,"
        " year INTEGER)"
    )


def add_book(path, title, author, year):
    conn = sqlite3.connect(path)
    try:
        create_table(conn)
        cursor = conn.execute(
            "INSERT INTO books (title, author, year) VALUES (?, ?, ?)", (title, author, year)
        )
        return cursor.lastrowid
    finally:
        conn.close()


def find_by_author(path, author):
    conn = sqlite3.connect(path)
    try:
        create_table(conn)
        rows = conn.execute(
            "SELECT title FROM books WHERE author = ? ORDER BY year", (author,)
        ).fetchall()
        return [title for (title,) in rows]
    finally:
        conn.close()


def main(args):
    if len(args) == 4 and args[0] == "add":
        book_id = add_book("library.db", args[1], args[2], int(args[3]))
        print(f"Added {args[1]} (id {book_id})")
    elif len(args) == 2 and args[0] == "by":
        for title in find_by_author("library.db", args[1]):
            print(title)
    else:
        print("usage: python library.py add TITLE AUTHOR YEAR | by AUTHOR")
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
