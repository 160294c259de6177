-- sprout-bad: the subquery selects orders.id (the order's number) instead of orders.customer_id
-- must-fail: never_ordered finds the customers without orders, never_ordered on more customers

-- name: customer_spending
SELECT customers.name,
       COUNT(DISTINCT orders.id) AS orders,
       COALESCE(SUM(order_items.quantity * products.price), 0) AS spent
FROM customers
LEFT JOIN orders ON orders.customer_id = customers.id
LEFT JOIN order_items ON order_items.order_id = orders.id
LEFT JOIN products ON products.id = order_items.product_id
GROUP BY customers.id
ORDER BY spent DESC, customers.name;

-- name: never_ordered
SELECT name
FROM customers
WHERE id NOT IN (SELECT id FROM orders)
ORDER BY name;

-- name: big_categories
SELECT products.category, SUM(order_items.quantity) AS items_sold
FROM order_items
JOIN products ON products.id = order_items.product_id
GROUP BY products.category
HAVING SUM(order_items.quantity) >= 5
ORDER BY items_sold DESC;

-- name: pricier_than_category_average
SELECT category, name, price
FROM products AS p
WHERE price > (SELECT AVG(price) FROM products WHERE category = p.category)
ORDER BY category, price DESC, name;

-- name: price_rank
SELECT category, name, price,
       RANK() OVER (PARTITION BY category ORDER BY price DESC) AS price_rank
FROM products
ORDER BY category, price_rank, name;

-- name: latest_order
SELECT name, order_id, ordered_on
FROM (
    SELECT customers.name, orders.id AS order_id, orders.ordered_on,
           ROW_NUMBER() OVER (PARTITION BY customers.id ORDER BY orders.ordered_on DESC, orders.id DESC) AS n
    FROM customers
    JOIN orders ON orders.customer_id = customers.id
)
WHERE n = 1
ORDER BY name;

-- name: running_revenue
SELECT orders.ordered_on AS day,
       SUM(order_items.quantity * products.price) AS revenue,
       SUM(SUM(order_items.quantity * products.price)) OVER (ORDER BY orders.ordered_on) AS running_total
FROM orders
JOIN order_items ON order_items.order_id = orders.id
JOIN products ON products.id = order_items.product_id
GROUP BY orders.ordered_on
ORDER BY day;
