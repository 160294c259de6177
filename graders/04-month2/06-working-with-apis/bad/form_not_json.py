# sprout-bad: sends the book with data= (a form) instead of json=, and forgets the Authorization header
# must-fail: add_book sends the book as JSON, add_book sends the token in the Authorization header, add_book returns the id the API gives
import os

import requests

TIMEOUT = 2


def base_url():
    return os.environ.get("BOOKS_API_URL", "http://127.0.0.1:5000")


def search_books(term, limit=5):
    response = requests.get(base_url() + "/books", params={"q": term, "limit": limit}, timeout=TIMEOUT)
    response.raise_for_status()
    return [book["title"] for book in response.json()["results"]]


def get_book(book_id):
    response = requests.get(f"{base_url()}/books/{book_id}", timeout=TIMEOUT)
    if response.status_code == 404:
        return None
    response.raise_for_status()
    return response.json()


def add_book(title, author, token):
    response = requests.post(base_url() + "/books", data={"title": title, "author": author, "token": token},
                             timeout=TIMEOUT)
    response.raise_for_status()
    return response.json()["id"]


def is_api_up():
    try:
        response = requests.get(base_url() + "/health", timeout=TIMEOUT)
    except requests.exceptions.RequestException:
        return False
    return response.status_code == 200
