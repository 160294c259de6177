# sprout-bad: never commits the order: its answer looks right (read on the same connection), but the connection closes at the end of the request and the order is thrown away
# must-fail: POST /orders answers 201 with the order and its total, an order takes its items out of the stock, the total is computed by the server, a user's orders are listed oldest first, the last items in stock can be bought and then no more
"""Month 6 project: the backend of a small online shop, a JSON API over SQLite.

Run it:  flask --app shop run --debug     then try  curl http://127.0.0.1:5000/products
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


# --- Products ---------------------------------------------------------------------------------
@bp.get("/products")
def list_products():
    sql = "SELECT id, name, price, stock FROM products WHERE 1 = 1"
    params = []
    q = request.args.get("q", "")
    if q:
        sql += " AND name LIKE ?"  # LIKE ignores the case of letters
        params.append("%" + q + "%")
    max_price = request.args.get("max_price")
    if max_price is not None:
        try:
            params.append(int(max_price))
        except ValueError:
            return error("max_price must be a whole number of cents", 400)
        sql += " AND price <= ?"
    rows = get_db().execute(sql + " ORDER BY id", params).fetchall()
    return jsonify([dict(row) for row in rows])


@bp.get("/products/<int:product_id>")
def get_product(product_id):
    row = get_db().execute("SELECT id, name, price, stock FROM products WHERE id = ?", (product_id,)).fetchone()
    if row is None:
        return error("product not found", 404)
    return jsonify(dict(row))


# --- Orders -----------------------------------------------------------------------------------
class OutOfStock(Exception):
    pass


def order_json(db, order):
    items = db.execute(
        "SELECT product_id, quantity, price FROM order_items WHERE order_id = ? ORDER BY product_id",
        (order["id"],),
    ).fetchall()
    return {"id": order["id"], "user_id": order["user_id"], "items": [dict(i) for i in items], "total": order["total"]}


def is_whole_number(value):
    return isinstance(value, int) and not isinstance(value, bool)


@bp.post("/orders")
def place_order():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return error("send a JSON object: {\"user_id\": 1, \"items\": [...]}", 400)
    user_id, items = data.get("user_id"), data.get("items")
    if not is_whole_number(user_id):
        return error("user_id must be a whole number", 400)
    if not isinstance(items, list) or not items:
        return error("items must be a list with at least one item", 400)
    wanted = {}
    for item in items:
        if not isinstance(item, dict):
            return error("each item is an object: {\"product_id\": 1, \"quantity\": 2}", 400)
        product_id, quantity = item.get("product_id"), item.get("quantity")
        if not is_whole_number(product_id) or not is_whole_number(quantity) or quantity < 1:
            return error("each item needs a product_id and a quantity of 1 or more", 400)
        if product_id in wanted:
            return error("product %d is in the order twice" % product_id, 400)
        wanted[product_id] = quantity

    db = get_db()
    if db.execute("SELECT 1 FROM users WHERE id = ?", (user_id,)).fetchone() is None:
        return error("there is no user %d" % user_id, 400)
    products = {}
    for product_id in wanted:
        row = db.execute("SELECT id, name, price FROM products WHERE id = ?", (product_id,)).fetchone()
        if row is None:
            return error("there is no product %d" % product_id, 400)
        products[product_id] = row
    # the total comes from the database's prices, never from what the client sent
    total = sum(products[pid]["price"] * quantity for pid, quantity in wanted.items())

    try:
        order_id = db.execute("INSERT INTO orders (user_id, total) VALUES (?, ?)", (user_id, total)).lastrowid
        for product_id, quantity in wanted.items():
            changed = db.execute(
                "UPDATE products SET stock = stock - ? WHERE id = ? AND stock >= ?",
                (quantity, product_id, quantity),
            ).rowcount
            if changed == 0:
                raise OutOfStock(products[product_id]["name"])
            db.execute(
                "INSERT INTO order_items (order_id, product_id, quantity, price) VALUES (?, ?, ?, ?)",
                (order_id, product_id, quantity, products[product_id]["price"]),
            )
    except OutOfStock as e:
        db.rollback()
        return error("not enough %s in stock" % e, 409)
    order = db.execute("SELECT id, user_id, total FROM orders WHERE id = ?", (order_id,)).fetchone()
    return jsonify(order_json(db, order)), 201


@bp.get("/users/<int:user_id>/orders")
def user_orders(user_id):
    db = get_db()
    if db.execute("SELECT 1 FROM users WHERE id = ?", (user_id,)).fetchone() is None:
        return error("user not found", 404)
    orders = db.execute("SELECT id, user_id, total FROM orders WHERE user_id = ? ORDER BY id", (user_id,)).fetchall()
    return jsonify([order_json(db, order) for order in orders])
