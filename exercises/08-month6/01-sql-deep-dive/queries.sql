-- Write one query under each "-- name:" line. Keep the names as they are:
-- the checker finds your queries by these names. Prices are in cents.

-- name: customer_spending
-- every customer (also those who never ordered): name, orders (how many), spent (in cents),
-- biggest spender first, then by name
SELECT customers.name, COUNT(orders.id) AS orders
FROM customers
JOIN orders ON orders.customer_id = customers.id
GROUP BY customers.id;

-- name: never_ordered
-- the names of the customers who never placed an order, A to Z (use a subquery)

-- name: big_categories
-- each category that sold at least 5 items in total: category, items_sold, most first

-- name: pricier_than_category_average
-- the products that cost more than the average price of their own category:
-- category, name, price; by category, then most expensive first, then by name

-- name: price_rank
-- every product with its price rank inside its category (1 = most expensive, ties share a rank):
-- category, name, price, price_rank; by category, then price_rank, then name

-- name: latest_order
-- each customer's most recent order: name, order_id, ordered_on; by name

-- name: running_revenue
-- one row per day with orders: day, revenue (that day's), running_total (all days up to it); oldest first
