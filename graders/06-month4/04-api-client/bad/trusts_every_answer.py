# sprout-bad: create_task returns whatever JSON comes back, without looking at the status code
# must-fail: create_task raises HTTPError for a 400, create_task with a refused token raises AuthError, smoke_test deletes nothing when creating fails
"""An API client: the tasks API's login → create → list → clean-up workflow, in Python.

Try it:  TASKS_API_URL=http://127.0.0.1:5000 python api_client.py
(sprout starts a pretend tasks API for every check and sets TASKS_API_URL for you.)
"""
import os

import requests

TIMEOUT = 2  # seconds: pass timeout=TIMEOUT to every request


class AuthError(Exception):
    """The API answered 401: a wrong password, or a missing or expired token."""


def base_url():
    """Where the API lives, e.g. http://127.0.0.1:5000 (no / at the end)."""
    return os.environ.get("TASKS_API_URL", "http://127.0.0.1:5000")


def check(response, expected):
    """Raise AuthError for 401, requests.HTTPError for any other unexpected status."""
    if response.status_code == 401:
        raise AuthError(f"401 Unauthorized from {response.request.method} {response.url}: log in again")
    response.raise_for_status()
    if response.status_code != expected:
        raise requests.HTTPError(f"expected {expected}, got {response.status_code}", response=response)


class TasksClient:
    """Talks to the tasks API; after login() every request carries the token."""

    def __init__(self, base_url, token=None):
        self.base_url = base_url
        self.token = token

    def headers(self):
        return {"Authorization": f"Bearer {self.token}"}

    def login(self, username, password):
        """POST /login with the credentials as JSON; keep the token and return it."""
        response = requests.post(
            self.base_url + "/login",
            json={"username": username, "password": password},
            timeout=TIMEOUT,
        )
        check(response, 200)
        self.token = response.json()["token"]
        return self.token

    def create_task(self, title):
        """POST /tasks; the API answers 201 and the new task."""
        response = requests.post(
            self.base_url + "/tasks", json={"title": title}, headers=self.headers(), timeout=TIMEOUT
        )
        return response.json()

    def list_tasks(self):
        """GET /tasks: the list of tasks."""
        response = requests.get(self.base_url + "/tasks", headers=self.headers(), timeout=TIMEOUT)
        check(response, 200)
        return response.json()

    def delete_task(self, task_id):
        """DELETE /tasks/ID; the API answers 204 with no body."""
        response = requests.delete(
            f"{self.base_url}/tasks/{task_id}", headers=self.headers(), timeout=TIMEOUT
        )
        check(response, 204)


def smoke_test(username, password, title):
    """Log in, create a task, check it is listed, and always delete it again."""
    client = TasksClient(base_url())
    client.login(username, password)
    task = client.create_task(title)
    try:
        return any(t["id"] == task["id"] for t in client.list_tasks())
    finally:
        client.delete_task(task["id"])


if __name__ == "__main__":
    print("smoke test passed?", smoke_test("ada", "lovelace", "Buy milk"))
