"""An API client: the tasks API's login → create → list → clean-up workflow, in Python.

Try it:  TASKS_API_URL=http://127.0.0.1:5000 python api_client.py
(sprout starts a pretend tasks API for every check and sets TASKS_API_URL for you.)
Check it: sprout submit api-client
"""
import os

import requests

TIMEOUT = 2  # seconds: pass timeout=TIMEOUT to every request


class AuthError(Exception):
    """The API answered 401: a wrong password, or a missing or expired token."""


def base_url():
    """Where the API lives, e.g. http://127.0.0.1:5000 (no / at the end)."""
    return os.environ.get("TASKS_API_URL", "http://127.0.0.1:5000")


class TasksClient:
    """Talks to the tasks API; after login() every request carries the token."""

    def __init__(self, base_url, token=None):
        self.base_url = base_url
        self.token = token

    def login(self, username, password):
        """POST /login with the credentials as JSON; keep the token and return it.

        401 raises AuthError (its message says 401); other error statuses raise requests.HTTPError.
        """
        # TODO
        return None

    def create_task(self, title):
        """POST /tasks with {"title": title}; the API answers 201 and the new task (a dict)."""
        # TODO
        return {}

    def list_tasks(self):
        """GET /tasks: the list of tasks."""
        # TODO
        return []

    def delete_task(self, task_id):
        """DELETE /tasks/ID; the API answers 204 with no body. Returns None."""
        # TODO


def smoke_test(username, password, title):
    """Log in, create a task with that title, return True if the list shows it; always delete it."""
    # TODO
    return False


if __name__ == "__main__":
    try:
        print("smoke test passed?", smoke_test("ada", "lovelace", "Buy milk"))
    except requests.ConnectionError:
        print(f"Nothing answers at {base_url()}: start your server, or set TASKS_API_URL.")
