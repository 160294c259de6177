"""Talking to a web API with requests: the library's book API."""
import os

import requests

TIMEOUT = 2  # seconds: never wait for a server forever


def base_url():
    return os.environ.get("BOOKS_API_URL", "http://127.0.0.1:5000")


def search_books(term, limit=5):
    """Titles of the books matching term, at most limit of them."""
    response = requests.get(base_url() + "/books", params={"q": term, "limit": limit}, timeout=TIMEOUT)
    response.raise_for_status()
    return [book["title"] for book in response.json()["results"]]


def get_book(book_id):
    """The book as a dict, or None when the API says 404 (no such book)."""
    response = requests.get(f"{base_url()}/books/{book_id}", timeout=TIMEOUT)
    if response.status_code == 404:
        return None
    response.raise_for_status()
    return response.json()


def add_book(title, author, token):
    """Adds a book; returns the id the API gave it."""
    response = requests.post(
        base_url() + "/books",
        json={"title": title, "author": author},
        headers={"Authorization": f"Bearer {token}"},
        timeout=TIMEOUT,
    )
    response.raise_for_status()
    return response.json()["id"]


def is_api_up():
    """True when GET /health answers 200 within the timeout; False on any problem."""
    try:
        response = requests.get(base_url() + "/health", timeout=TIMEOUT)
    except requests.exceptions.RequestException:
        return False
    return response.status_code == 200


if __name__ == "__main__":
    print(is_api_up())
    print(search_books("python"))
