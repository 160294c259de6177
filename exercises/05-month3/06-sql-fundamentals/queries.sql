-- Write one query under each "-- name:" line. Keep the names as they are:
-- the checker finds your queries by these names.

-- name: all_products
-- every product's name and price, by name (A to Z)
SELECT * FROM products;

-- name: cheap_products
-- name and price of the products under 10, cheapest first

-- name: customers_in_lisbon
-- the names of the customers who live in Lisbon, A to Z

-- name: orders_per_customer
-- every customer's name and how many orders they placed (as order_count), by name

-- name: revenue_per_category
-- each category and its revenue (price * quantity of its orders, as revenue), biggest first

-- name: discount_kitchen
-- lower the price of every kitchen product by 10%
