"""Month 5: routing in Flask, a small shop's catalogue.

Run it:  python shop.py   then open  http://127.0.0.1:5000/
"""
from flask import Flask, abort, jsonify, redirect, request, url_for

app = Flask(__name__)

# The shop's items, by id. Every check starts your app fresh, with these five.
ITEMS = {
    1: {"id": 1, "name": "Notebook", "price": 3, "category": "stationery"},
    2: {"id": 2, "name": "Pencil", "price": 1, "category": "stationery"},
    3: {"id": 3, "name": "Backpack", "price": 25, "category": "bags"},
    4: {"id": 4, "name": "Ruler", "price": 2, "category": "stationery"},
    5: {"id": 5, "name": "Lunch box", "price": 8, "category": "bags"},
}
next_id = 6


# TODO: GET /  redirects to the list, with an address built by url_for


@app.route("/items")
def items():
    # TODO: also take POST on this route (add an item, answer 201),
    # and read ?max_price= as an int to keep only the cheap items
    return jsonify(list(ITEMS.values()))


# TODO: GET /items/<id>              one item; the id must be a whole number
# TODO: GET /categories/<slug>       {"category": ..., "items": [...]}, 404 when there are none
# TODO: GET /products/<id>           the old address: 301 redirect to /items/<id>, built by url_for
# TODO: @app.errorhandler(404)       answer {"error": "not found"} as JSON


if __name__ == "__main__":
    app.run(debug=True)
