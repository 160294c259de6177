-- Hidden cases add these rows to the shop: a query that hard-codes the answers shows it.
INSERT INTO customers (id, name, city) VALUES (5, 'Eva', 'Faro'), (6, 'Finn', 'Porto');
INSERT INTO products (id, name, category, price) VALUES (6, 'Stapler', 'office', 9.99), (7, 'Rug', 'home', 55.0);
INSERT INTO orders (id, customer_id, product_id, quantity) VALUES (7, 6, 6, 2), (8, 4, 7, 1);
