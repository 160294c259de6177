# sprout-bad: glues the query string together by hand, so "war & peace" is cut at the &
# must-fail: search_books encodes spaces and & in the search term
import os

import requests

TIMEOUT = 2


def base_url():
    return os.environ.get("BOOKS_API_URL", "http://127.0.0.1:5000")


def search_books(term, limit=5):
    url = base_url() + "/books?q=" + term + "&limit=" + str(limit)
    response = requests.get(url, timeout=TIMEOUT)
    response.raise_for_status()
    return [book["title"] for book in response.json()["results"]]


def get_book(book_id):
    response = requests.get(base_url() + "/books/" + str(book_id), timeout=TIMEOUT)
    if response.status_code == 404:
        return None
    response.raise_for_status()
    return response.json()


def add_book(title, author, token):
    response = requests.post(base_url() + "/books", json={"title": title, "author": author},
                             headers={"Authorization": "Bearer " + token}, timeout=TIMEOUT)
    response.raise_for_status()
    return response.json()["id"]


def is_api_up():
    try:
        response = requests.get(base_url() + "/health", timeout=TIMEOUT)
    except requests.exceptions.RequestException:
        return False
    return response.status_code == 200
