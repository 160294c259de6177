"""Working with APIs: a small client for the library's book API.

Try it:  BOOKS_API_URL=http://127.0.0.1:5000 python books_client.py
(sprout starts a pretend book API for every check and sets BOOKS_API_URL for you.)
"""
import os

import requests

TIMEOUT = 2  # seconds: pass timeout=TIMEOUT to every request


def base_url():
    """Where the API lives, e.g. http://127.0.0.1:5000 (no / at the end)."""
    return os.environ.get("BOOKS_API_URL", "http://127.0.0.1:5000")


def search_books(term, limit=5):
    """Titles of the books matching term: GET /books?q=TERM&limit=LIMIT."""
    # TODO: requests.get(..., params=..., timeout=TIMEOUT), then the titles from ["results"]
    return []


def get_book(book_id):
    """GET /books/ID: the book as a dict; None for 404; raise for other errors."""
    # TODO
    return None


def add_book(title, author, token):
    """POST /books with the book as JSON and the token in the Authorization header; return the new id."""
    # TODO
    return 0


def is_api_up():
    """True when GET /health answers 200 within TIMEOUT seconds, False on any problem."""
    # TODO
    return False


if __name__ == "__main__":
    print("API up?", is_api_up())
    print(search_books("python"))
