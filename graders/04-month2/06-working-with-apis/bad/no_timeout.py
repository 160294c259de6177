# sprout-bad: never passes timeout=, so is_api_up waits for the slow server and says it is up
# must-fail: is_api_up() gives up after its 2-second timeout
import os

import requests


def base_url():
    return os.environ.get("BOOKS_API_URL", "http://127.0.0.1:5000")


def search_books(term, limit=5):
    response = requests.get(base_url() + "/books", params={"q": term, "limit": limit})
    response.raise_for_status()
    return [book["title"] for book in response.json()["results"]]


def get_book(book_id):
    response = requests.get(f"{base_url()}/books/{book_id}")
    if response.status_code == 404:
        return None
    response.raise_for_status()
    return response.json()


def add_book(title, author, token):
    response = requests.post(base_url() + "/books", json={"title": title, "author": author},
                             headers={"Authorization": f"Bearer {token}"})
    response.raise_for_status()
    return response.json()["id"]


def is_api_up():
    try:
        response = requests.get(base_url() + "/health")
    except requests.exceptions.RequestException:
        return False
    return response.status_code == 200
