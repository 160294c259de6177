# sprout-bad: checks price > 0, which also refuses a free product
# must-fail: a free product (price 0) is allowed
"""The database of a small online shop: users, products, orders and what each order holds."""

import sqlite3

# Prices are in cents (an integer: 700 is 7.00), so that no rounding creeps in.
SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS products (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    price INTEGER NOT NULL CHECK (price > 0),
    stock INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0)
);

CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS order_items (
    order_id INTEGER NOT NULL REFERENCES orders (id),
    product_id INTEGER NOT NULL REFERENCES products (id),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, product_id)
);
"""


def connect(path):
    """Opens the database at path, with foreign keys checked (SQLite leaves them off by default)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def create_schema(conn):
    """Creates the shop's tables that do not exist yet."""
    conn.executescript(SCHEMA)


if __name__ == "__main__":
    conn = connect(":memory:")
    create_schema(conn)
    conn.execute("INSERT INTO users (id, email, name) VALUES (1, 'ana@example.com', 'Ana')")
    try:
        conn.execute("INSERT INTO users (id, email, name) VALUES (2, 'ana@example.com', 'Ana again')")
    except sqlite3.IntegrityError as error:
        print("Rejected:", error)
    conn.close()
