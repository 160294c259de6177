# sprout-bad: always asks for 5 results, whatever limit it was given
# must-fail: search_books('dune' and limit=2) passes the limit
import os

import requests

TIMEOUT = 2


def base_url():
    return os.environ.get("BOOKS_API_URL", "http://127.0.0.1:5000")


def search_books(term, limit=5):
    response = requests.get(base_url() + "/books", params={"q": term, "limit": 5}, timeout=TIMEOUT)
    response.raise_for_status()
    return [book["title"] for book in response.json()["results"]][:limit]


def get_book(book_id):
    response = requests.get(f"{base_url()}/books/{book_id}", timeout=TIMEOUT)
    if response.status_code == 404:
        return None
    response.raise_for_status()
    return response.json()


def add_book(title, author, token):
    response = requests.post(base_url() + "/books", json={"title": title, "author": author},
                             headers={"Authorization": f"Bearer {token}"}, timeout=TIMEOUT)
    response.raise_for_status()
    return response.json()["id"]


def is_api_up():
    try:
        response = requests.get(base_url() + "/health", timeout=TIMEOUT)
    except requests.exceptions.RequestException:
        return False
    return response.status_code == 200
