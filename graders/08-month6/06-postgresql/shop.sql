-- A small shop to query: three customers, four products, two orders.
INSERT INTO users (email, name) VALUES
    ('ana@example.com', 'Ana'), ('ben@example.com', 'Ben'), ('cy@example.com', 'Cy');
INSERT INTO products (name, price, stock) VALUES
    ('Pen', 1.50, 100), ('Mug', 7.00, 10), ('Notebook', 3.25, 20), ('Lamp', 24.99, 2);
INSERT INTO orders (user_id) VALUES (1), (2);
INSERT INTO order_items (order_id, product_id, quantity) VALUES
    (1, 1, 4), (1, 2, 1), (2, 4, 1), (2, 3, 2);
