-- Hidden cases add these rows to the shop: a query that hard-codes the answers shows it.
INSERT INTO customers (id, name, city) VALUES (6, 'Finn', 'Faro'), (7, 'Gus', 'Lisbon');
INSERT INTO products (id, name, category, price) VALUES (10, 'Blender', 'kitchen', 5500), (11, 'Desk', 'office', 12000);
INSERT INTO orders (id, customer_id, ordered_on) VALUES (8, 6, '2026-03-06'), (9, 4, '2026-03-07'), (10, 6, '2026-03-07');
INSERT INTO order_items (order_id, product_id, quantity) VALUES
    (8, 10, 1),
    (8, 4, 1),
    (9, 9, 3),
    (10, 11, 1);
