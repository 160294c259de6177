"""Month 6 project: the backend of a small online shop, a JSON API over SQLite.

Run it:  flask --app shop run --debug     then try  curl http://127.0.0.1:5000/products
Read README.md first: it says what each address must answer.
"""
import os
import sqlite3

from flask import Blueprint, Flask, current_app, g, jsonify, request


# --- Given: the database. You do not need to change this part. -----------------------------------
def create_app(config=None):
    """Builds the app. config may set DATABASE, the path of the SQLite file (default: shop.db
    beside this file). A database that does not exist yet is created from schema.sql and
    filled from seed.sql."""
    app = Flask(__name__)
    app.config.from_mapping(DATABASE=os.path.join(app.root_path, "shop.db"))
    if config:
        app.config.update(config)
    init_db(app)
    app.teardown_appcontext(close_db)
    app.register_blueprint(bp)
    return app


def connect(path):
    """A connection whose rows read like dicts (row["name"]), with foreign keys checked."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def init_db(app):
    """Creates the database from schema.sql and seed.sql, if its file does not exist yet."""
    path = app.config["DATABASE"]
    if os.path.exists(path):
        return
    conn = connect(path)
    try:
        with app.open_resource("schema.sql", "rb") as f:
            conn.executescript(f.read().decode("utf-8"))
        with app.open_resource("seed.sql", "rb") as f:
            conn.executescript(f.read().decode("utf-8"))
        conn.commit()
    finally:
        conn.close()


def get_db():
    """The request's connection: opened on first use, closed by close_db when the request ends."""
    if "db" not in g:
        g.db = connect(current_app.config["DATABASE"])
    return g.db


def close_db(error=None):
    db = g.pop("db", None)
    if db is not None:
        db.close()  # anything not committed by then is thrown away


def error(message, status):
    """An answer for something that went wrong: {"error": message}, with that status code."""
    return jsonify({"error": message}), status


bp = Blueprint("shop", __name__)


# --- Your part: the routes. Products ---------------------------------------------------------
@bp.get("/products")
def list_products():
    # TODO: ?q=mug keeps the products whose name contains "mug", whatever the case of its letters;
    # ?max_price=600 keeps those that cost 600 cents or less. Both can come together. A max_price
    # that is not a whole number: 400. Pass what the client typed as a parameter (a ?), never
    # with an f-string.
    rows = get_db().execute("SELECT id, name, price, stock FROM products ORDER BY id").fetchall()
    return jsonify([dict(row) for row in rows])


@bp.get("/products/<int:product_id>")
def get_product(product_id):
    # TODO: the product as JSON, or 404 with {"error": "..."} when there is no such product
    return error("not written yet", 501)


# --- Orders -----------------------------------------------------------------------------------
@bp.post("/orders")
def place_order():
    # TODO: read {"user_id": 1, "items": [{"product_id": 1, "quantity": 2}, ...]} and check it
    # (400 when it cannot be used). Then, in ONE transaction: a row in orders, a row in
    # order_items per item, and the stock of each product lowered. Not enough stock of any
    # product: 409, and nothing at all is changed. Answer 201 with the order as JSON.
    return error("not written yet", 501)


# TODO: GET /users/<id>/orders   the user's orders, oldest first (404 when there is no such user)
