# sprout-bad: forgets ORDER BY year, so the titles come in the order they were added
# must-fail: find_by_author lists an author's titles oldest first

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
        conn.commit()
        return cursor.lastrowid
    finally:
        conn.close()


def find_by_author(path, author):
    conn = sqlite3.connect(path)
    try:
        create_table(conn)
        rows = conn.execute(
            "SELECT title FROM books WHERE author = ?", (author,)
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
