# sprout-bad: indexes the category alone, so SQLite still sorts the category's products by price afterwards
# must-fail: a category comes out sorted without an extra sort
"""Indexes for the shop's frequent questions."""

import sqlite3

QUERIES = {
    "orders of a customer": "SELECT id, ordered_on FROM orders WHERE customer_id = 1",
    "a category, cheapest first": "SELECT name, price FROM products WHERE category = 'office' ORDER BY price",
    "orders holding a product": "SELECT order_id, quantity FROM order_items WHERE product_id = 3",
    "a customer by email": "SELECT id, name FROM customers WHERE email = 'ana@example.com'",
}


def create_indexes(conn):
    """Creates the indexes that let the shop's frequent queries skip the full table scan."""
    conn.executescript(
        """
        CREATE INDEX IF NOT EXISTS idx_orders_customer_id ON orders (customer_id);
        CREATE INDEX IF NOT EXISTS idx_products_category ON products (category);
        CREATE INDEX IF NOT EXISTS idx_order_items_product_id ON order_items (product_id);
        CREATE UNIQUE INDEX IF NOT EXISTS idx_customers_email ON customers (email);
        """
    )


def show_plan(conn, sql):
    """Prints how SQLite will run sql: SCAN reads every row, SEARCH ... USING INDEX jumps to the rows."""
    for row in conn.execute("EXPLAIN QUERY PLAN " + sql):
        print(row[3])


if __name__ == "__main__":
    conn = sqlite3.connect(":memory:")
    with open("shop.sql", encoding="utf-8") as file:
        conn.executescript(file.read())
    create_indexes(conn)
    for name, sql in QUERIES.items():
        print(f"{name}:")
        show_plan(conn, sql)
