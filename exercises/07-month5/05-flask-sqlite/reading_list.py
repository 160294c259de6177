"""Month 5: a reading list kept in SQLite, served by Flask.

Run it:  flask --app reading_list run     then try  curl -i http://127.0.0.1:5000/books
"""
import sqlite3

from flask import Flask, current_app, g, jsonify, request

SCHEMA = """
CREATE TABLE IF NOT EXISTS books (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    author TEXT NOT NULL,
    read INTEGER NOT NULL DEFAULT 0
)
"""


def get_db():
    """The database connection of the current request."""
    # TODO: open sqlite3.connect(current_app.config["DATABASE"]) the first time, keep it
    # in g.db, and give back the same one for the rest of the request.
    raise NotImplementedError("get_db")


def close_db(exception=None):
    """Closes the request's connection, if it opened one."""
    # TODO: take "db" out of g (g.pop("db", None)) and close it


def init_db():
    """Creates the table if it is not there yet."""
    # TODO: run SCHEMA on get_db() and commit


def create_app(config=None):
    app = Flask(__name__)
    app.config["DATABASE"] = "reading_list.db"
    if config:
        app.config.update(config)
    # TODO: register close_db with app.teardown_appcontext, and call init_db()
    # inside `with app.app_context():`

    books = []  # TODO: this list forgets everything when the app stops: use the database

    @app.get("/books")
    def list_books():
        return jsonify(books)

    @app.post("/books")
    def add_book():
        data = request.get_json()
        book = {"id": len(books) + 1, "title": data["title"], "author": data["author"], "read": False}
        books.append(book)
        return jsonify(book)

    # TODO: GET /books?author=...   only that author's books
    # TODO: GET /books/<id>         one book (404 if there is none)
    # TODO: PATCH /books/<id>       {"read": true} marks it read
    # TODO: DELETE /books/<id>      204 No Content

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
