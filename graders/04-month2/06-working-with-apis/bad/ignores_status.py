# sprout-bad: reads response.json() without looking at the status code, so errors look like answers
# must-fail: get_book(999) returns None for 404, get_book(7) raises HTTPError when the server fails (500), add_book raises HTTPError when the token is refused (401), is_api_up() is False when the server answers 503
import os

import requests

TIMEOUT = 2


def base_url():
    return os.environ.get("BOOKS_API_URL", "http://127.0.0.1:5000")


def search_books(term, limit=5):
    response = requests.get(base_url() + "/books", params={"q": term, "limit": limit}, timeout=TIMEOUT)
    return [book["title"] for book in response.json()["results"]]


def get_book(book_id):
    response = requests.get(f"{base_url()}/books/{book_id}", timeout=TIMEOUT)
    return response.json()


def add_book(title, author, token):
    response = requests.post(base_url() + "/books", json={"title": title, "author": author},
                             headers={"Authorization": f"Bearer {token}"}, timeout=TIMEOUT)
    return response.json().get("id")


def is_api_up():
    try:
        requests.get(base_url() + "/health", timeout=TIMEOUT)
    except requests.exceptions.RequestException:
        return False
    return True
