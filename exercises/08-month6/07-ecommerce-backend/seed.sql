-- The shop's starting data, put into a new database by init_db().
INSERT INTO users (id, email, name) VALUES
    (1, 'ana@example.com', 'Ana'),
    (2, 'ben@example.com', 'Ben');

INSERT INTO products (id, name, price, stock) VALUES
    (1, 'Mug', 700, 5),
    (2, 'Pen', 150, 100),
    (3, 'Notebook', 450, 20),
    (4, 'Kid''s Mug', 600, 3),
    (5, 'Desk Lamp', 2500, 2),
    (6, 'Travel mug', 1200, 0);
