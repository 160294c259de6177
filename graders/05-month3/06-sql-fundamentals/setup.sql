-- The shop every case starts from (a fresh copy per case).
CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL
);
CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    price REAL NOT NULL
);
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    product_id INTEGER NOT NULL REFERENCES products (id),
    quantity INTEGER NOT NULL
);
INSERT INTO customers (id, name, city) VALUES
    (1, 'Ana', 'Lisbon'),
    (2, 'Ben', 'Porto'),
    (3, 'Chloé', 'Lisbon'),
    (4, 'Dev', 'Braga');
INSERT INTO products (id, name, category, price) VALUES
    (1, 'Mug', 'kitchen', 7.0),
    (2, 'Lamp', 'home', 25.0),
    (3, 'Pen', 'office', 1.5),
    (4, 'Notebook', 'office', 4.25),
    (5, 'Kettle', 'kitchen', 30.0);
INSERT INTO orders (id, customer_id, product_id, quantity) VALUES
    (1, 1, 1, 2),
    (2, 1, 3, 10),
    (3, 2, 2, 1),
    (4, 3, 4, 3),
    (5, 1, 5, 1),
    (6, 3, 3, 4);
