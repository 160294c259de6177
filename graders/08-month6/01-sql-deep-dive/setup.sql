-- The online shop every case starts from (a fresh copy per case). Prices are in cents.
CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL
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
INSERT INTO customers (id, name, city) VALUES
    (1, 'Ana', 'Lisbon'),
    (2, 'Ben', 'Porto'),
    (3, 'Chloé', 'Lisbon'),
    (4, 'Dev', 'Braga'),
    (5, 'Eli', 'Porto');
INSERT INTO products (id, name, category, price) VALUES
    (1, 'Mug', 'kitchen', 700),
    (2, 'Kettle', 'kitchen', 3000),
    (3, 'Teapot', 'kitchen', 3000),
    (4, 'Pen', 'office', 150),
    (5, 'Notebook', 'office', 425),
    (6, 'Stapler', 'office', 999),
    (7, 'Lamp', 'home', 2500),
    (8, 'Rug', 'home', 4500),
    (9, 'Cushion', 'home', 1200);
INSERT INTO orders (id, customer_id, ordered_on) VALUES
    (1, 1, '2026-03-01'),
    (2, 2, '2026-03-01'),
    (3, 1, '2026-03-02'),
    (4, 3, '2026-03-03'),
    (5, 5, '2026-03-03'),
    (6, 1, '2026-03-05'),
    (7, 3, '2026-03-06');
INSERT INTO order_items (order_id, product_id, quantity) VALUES
    (1, 1, 2),
    (1, 4, 10),
    (2, 7, 1),
    (3, 2, 1),
    (4, 5, 3),
    (4, 4, 4),
    (5, 8, 1),
    (5, 9, 2),
    (6, 5, 1),
    (7, 1, 1),
    (7, 3, 1);
