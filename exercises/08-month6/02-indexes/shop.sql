-- The shop's tables (the same shop as in sql-deep-dive, with emails). Prices are in cents.
CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL
);
CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    price INTEGER NOT NULL
);
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    ordered_on TEXT NOT NULL
);
CREATE TABLE order_items (
    order_id INTEGER NOT NULL REFERENCES orders (id),
    product_id INTEGER NOT NULL REFERENCES products (id),
    quantity INTEGER NOT NULL,
    PRIMARY KEY (order_id, product_id)
);
INSERT INTO customers (id, name, email) VALUES
    (1, 'Ana', 'ana@example.com'),
    (2, 'Ben', 'ben@example.com'),
    (3, 'Chloé', 'chloe@example.com');
INSERT INTO products (id, name, category, price) VALUES
    (1, 'Mug', 'kitchen', 700),
    (2, 'Kettle', 'kitchen', 3000),
    (3, 'Pen', 'office', 150),
    (4, 'Notebook', 'office', 425),
    (5, 'Lamp', 'home', 2500);
INSERT INTO orders (id, customer_id, ordered_on) VALUES
    (1, 1, '2026-03-01'),
    (2, 2, '2026-03-01'),
    (3, 1, '2026-03-02');
INSERT INTO order_items (order_id, product_id, quantity) VALUES
    (1, 1, 2),
    (1, 3, 10),
    (2, 5, 1),
    (3, 2, 1);
