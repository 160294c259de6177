"""The online shop's database on PostgreSQL, through psycopg2.

Read README.md first. Every function gets an open connection (from connect()) and uses it.
"""

import os

import psycopg2


def connect():
    """Opens the database whose address is in the DATABASE_URL environment variable."""
    # TODO: psycopg2.connect(...) with the address from os.environ
    raise NotImplementedError


def create_tables(conn):
    """Creates users, products, orders and order_items (when they do not exist yet), and saves them."""
    # TODO: CREATE TABLE IF NOT EXISTS ... (see README.md), then conn.commit()


def add_user(conn, email, name):
    """Adds a user and returns their new id."""
    # TODO: INSERT ... RETURNING id, with %s placeholders


def add_product(conn, name, price, stock=0):
    """Adds a product and returns its new id."""
    # TODO


def products_under(conn, max_price):
    """The names of the products that cost at most max_price, cheapest first."""
    return []


def order_totals(conn):
    """[(email, total)] of every customer who ordered, biggest total first."""
    return []


def place_order(conn, user_id, items):
    """Stores an order of items [(product_id, quantity), ...] and takes them from the stock.

    All or nothing: when a product is missing or does not have the quantity in stock, raise
    ValueError and leave the database exactly as it was. Returns the new order's id.
    """
    # TODO: one transaction: INSERT the order, then for each item UPDATE the stock and INSERT the item


if __name__ == "__main__":
    conn = connect()
    create_tables(conn)
    pen = add_product(conn, "Pen", 1.50, 100)
    print(products_under(conn, 10))
    conn.close()
