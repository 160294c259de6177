"""The online shop's database on PostgreSQL, through psycopg2."""

import os

import psycopg2

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id SERIAL PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS products (
    id SERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    price NUMERIC(10, 2) NOT NULL CHECK (price >= 0),
    stock INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0)
);
CREATE TABLE IF NOT EXISTS orders (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS order_items (
    order_id INTEGER NOT NULL REFERENCES orders (id),
    product_id INTEGER NOT NULL REFERENCES products (id),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, product_id)
);
"""


def connect():
    """Opens the database whose address is in the DATABASE_URL environment variable."""
    return psycopg2.connect(os.environ["DATABASE_URL"])


def create_tables(conn):
    with conn.cursor() as cur:
        cur.execute(SCHEMA)
    conn.commit()


def add_user(conn, email, name):
    with conn.cursor() as cur:
        cur.execute("INSERT INTO users (email, name) VALUES (%s, %s) RETURNING id", (email, name))
        user_id = cur.fetchone()[0]
    conn.commit()
    return user_id


def add_product(conn, name, price, stock=0):
    with conn.cursor() as cur:
        cur.execute(
            "INSERT INTO products (name, price, stock) VALUES (%s, %s, %s) RETURNING id",
            (name, price, stock),
        )
        product_id = cur.fetchone()[0]
    conn.commit()
    return product_id


def products_under(conn, max_price):
    with conn.cursor() as cur:
        cur.execute(
            "SELECT name FROM products WHERE price <= %s ORDER BY price, name", (max_price,)
        )
        return [name for (name,) in cur.fetchall()]


def order_totals(conn):
    with conn.cursor() as cur:
        cur.execute(
            """
            SELECT u.email, SUM(p.price * i.quantity) AS total
            FROM users u
            JOIN orders o ON o.user_id = u.id
            JOIN order_items i ON i.order_id = o.id
            JOIN products p ON p.id = i.product_id
            GROUP BY u.email
            ORDER BY total DESC, u.email
            """
        )
        return cur.fetchall()


def place_order(conn, user_id, items):
    """One order with its items, taken from the stock: all of it, or (ValueError) none of it."""
    try:
        with conn.cursor() as cur:
            cur.execute("INSERT INTO orders (user_id) VALUES (%s) RETURNING id", (user_id,))
            order_id = cur.fetchone()[0]
            for product_id, quantity in items:
                cur.execute(
                    "UPDATE products SET stock = stock - %s WHERE id = %s AND stock >= %s",
                    (quantity, product_id, quantity),
                )
                if cur.rowcount == 0:
                    raise ValueError("product %s does not have %s in stock" % (product_id, quantity))
                cur.execute(
                    "INSERT INTO order_items (order_id, product_id, quantity) VALUES (%s, %s, %s)",
                    (order_id, product_id, quantity),
                )
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    return order_id


if __name__ == "__main__":
    conn = connect()
    create_tables(conn)
    pen = add_product(conn, "Pen", 1.50, 100)
    ana = add_user(conn, "ana@example.com", "Ana")
    print(products_under(conn, 10))
    print(place_order(conn, ana, [(pen, 3)]))
    print(order_totals(conn))
    conn.close()
