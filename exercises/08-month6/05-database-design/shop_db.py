"""The database of a small online shop: users, products, orders and what each order holds."""

import sqlite3

# Prices are in cents (an integer: 700 is 7.00), so that no rounding creeps in.
# TODO: add the rules from the README (NOT NULL, UNIQUE, CHECK, REFERENCES, DEFAULT), so that
# the database refuses bad rows by itself.
SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    email TEXT,
    name TEXT
);

CREATE TABLE IF NOT EXISTS products (
    id INTEGER PRIMARY KEY,
    name TEXT,
    price INTEGER,
    stock INTEGER
);

CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY,
    user_id INTEGER,
    created_at TEXT
);

CREATE TABLE IF NOT EXISTS order_items (
    order_id INTEGER,
    product_id INTEGER,
    quantity INTEGER
);
"""


def connect(path):
    """Opens the database at path, with foreign keys checked (SQLite leaves them off by default)."""
    conn = sqlite3.connect(path)
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
