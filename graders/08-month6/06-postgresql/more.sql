-- Other rows, for hidden checks: answers copied from the README do not fit these.
INSERT INTO products (name, price, stock) VALUES ('Eraser', 0.80, 50), ('Stapler', 9.99, 0);
INSERT INTO orders (user_id) VALUES (3);
INSERT INTO order_items (order_id, product_id, quantity) VALUES (3, 2, 5);
