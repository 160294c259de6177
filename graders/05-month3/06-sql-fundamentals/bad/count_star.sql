-- sprout-bad: counts rows with COUNT(*), so a customer without orders still counts 1
-- must-fail: orders_per_customer counts every customer's orders, orders_per_customer on more customers

-- name: all_products
SELECT name, price
FROM products
ORDER BY name;

-- name: cheap_products
SELECT name, price
FROM products
WHERE price < 10
ORDER BY price;

-- name: customers_in_lisbon
SELECT name
FROM customers
WHERE city = 'Lisbon'
ORDER BY name;

-- name: orders_per_customer
SELECT customers.name, COUNT(*) AS order_count
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
