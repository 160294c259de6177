# sprout-bad: keeps one connection in a global variable for every request and every app: a second app reads the first app's file
# must-fail: two apps with their own files keep their own books
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


connection = None


def get_db():
    global connection
    if connection is None:
        connection = sqlite3.connect(current_app.config["DATABASE"], check_same_thread=False)
        connection.row_factory = sqlite3.Row
    return connection


def close_db(exception=None):
    pass  # the one connection stays open for the next request


def init_db():
    db = get_db()
    db.execute(SCHEMA)
    db.commit()


def book_json(row):
    return {"id": row["id"], "title": row["title"], "author": row["author"], "read": bool(row["read"])}


def find_book(book_id):
    return get_db().execute("SELECT * FROM books WHERE id = ?", (book_id,)).fetchone()


def error(message, status):
    return jsonify({"error": message}), status


def create_app(config=None):
    app = Flask(__name__)
    app.config["DATABASE"] = "reading_list.db"
    if config:
        app.config.update(config)
    app.teardown_appcontext(close_db)
    with app.app_context():
        init_db()

    @app.get("/books")
    def list_books():
        author = request.args.get("author")
        if author is None:
            rows = get_db().execute("SELECT * FROM books ORDER BY id").fetchall()
        else:
            rows = get_db().execute("SELECT * FROM books WHERE author = ? ORDER BY id", (author,)).fetchall()
        return jsonify([book_json(row) for row in rows])

    @app.post("/books")
    def add_book():
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            return error("send a JSON object with a title and an author", 400)
        title, author = data.get("title"), data.get("author")
        if not isinstance(title, str) or not title.strip() or not isinstance(author, str) or not author.strip():
            return error("a book needs a title and an author", 400)
        db = get_db()
        cursor = db.execute("INSERT INTO books (title, author) VALUES (?, ?)", (title, author))
        db.commit()
        book = book_json(find_book(cursor.lastrowid))
        return jsonify(book), 201, {"Location": f"/books/{book['id']}"}

    @app.get("/books/<int:book_id>")
    def get_book(book_id):
        row = find_book(book_id)
        if row is None:
            return error("book not found", 404)
        return jsonify(book_json(row))

    @app.patch("/books/<int:book_id>")
    def mark_read(book_id):
        data = request.get_json(silent=True)
        if not isinstance(data, dict) or not isinstance(data.get("read"), bool):
            return error("send {\"read\": true} or {\"read\": false}", 400)
        if find_book(book_id) is None:
            return error("book not found", 404)
        db = get_db()
        db.execute("UPDATE books SET read = ? WHERE id = ?", (int(data["read"]), book_id))
        db.commit()
        return jsonify(book_json(find_book(book_id)))

    @app.delete("/books/<int:book_id>")
    def delete_book(book_id):
        db = get_db()
        cursor = db.execute("DELETE FROM books WHERE id = ?", (book_id,))
        db.commit()
        if cursor.rowcount == 0:
            return error("book not found", 404)
        return "", 204

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
