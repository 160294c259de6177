import sqlite3
import sys


def create_table(conn):
    """Create the books table (id, title, author, year) if it does not exist yet."""
    # TODO: conn.execute("CREATE TABLE IF NOT EXISTS books (...)")


def add_book(path, title, author, year):
    """Save one book in the database file at `path` and return its new id."""
    # TODO: connect, create the table, INSERT with ? placeholders, commit, close
    return None


def find_by_author(path, author):
    """Return the titles of `author`'s books, oldest first."""
    # TODO: SELECT title ... WHERE author = ? ORDER BY year
    return []


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
