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
        # TODO: give the template the books to loop over
        return render_template("books.html")

    # TODO: GET /books/<id>: one book's page (book.html); the first book is 1. No such book: 404

    return app


if __name__ == "__main__":
    create_app(SAMPLE_BOOKS).run(debug=True)
