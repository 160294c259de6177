-- sprout-bad: forgets ORDER BY, so the rows come in the order they were inserted
-- must-fail: cheap_products lists products under 10 cheapest first, cheap_products on other products

-- name: all_products
SELECT name, price
FROM products
ORDER BY name;

-- name: cheap_products
SELECT name, price
FROM products
WHERE price < 10;

-- name: customers_in_lisbon
SELECT name
FROM customers
WHERE city = 'Lisbon'
ORDER BY name;

-- name: orders_per_customer
SELECT customers.name, COUNT(orders.id) AS order_count
FROM customers
LEFT JOIN orders ON orders.customer_id = customers.id
GROUP BY customers.id
ORDER BY customers.name;

-- name: revenue_per_category
SELECT products.category, SUM(products.price * orders.quantity) AS revenue
FROM orders
JOIN products ON products.id = orders.product_id
GROUP BY products.category
ORDER BY revenue DESC;

-- name: discount_kitchen
UPDATE products
SET price = price * 0.9
WHERE category = 'kitchen';
