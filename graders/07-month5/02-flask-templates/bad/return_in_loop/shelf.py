# sprout-bad: returns from inside the for loop in Python, so the list shows only the first book
# must-fail: /books lists every book, each book links to its own page, another shelf is shown as it is, a title with <script> is shown as text on the list
"""Month 5: Jinja2 templates in Flask, a bookshelf.

Run it:  python shelf.py   then open  http://127.0.0.1:5000/
"""
from flask import Flask, abort, render_template

SAMPLE_BOOKS = [
    {"title": "The Hobbit", "author": "J. R. R. Tolkien"},
    {"title": "Dune", "author": "Frank Herbert"},
    {"title": "Matilda", "author": "Roald Dahl"},
]


def create_app(books):
    """A Flask app that shows `books`, a list of {"title": ..., "author": ...} dicts."""
    app = Flask(__name__)
    shelf = list(books)

    @app.route("/")
    def index():
        return render_template("index.html", count=len(shelf))

    @app.route("/books")
    def book_list():
        shown = []
        for book in shelf:
            shown.append(book)
            return render_template("books.html", books=shown)
        return render_template("books.html", books=shown)

    @app.route("/books/<int:book_id>")
    def book_page(book_id):
        if not 1 <= book_id <= len(shelf):
            abort(404)
        return render_template("book.html", book=shelf[book_id - 1])

    return app


if __name__ == "__main__":
    create_app(SAMPLE_BOOKS).run(debug=True)
