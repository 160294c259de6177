# sprout-bad: the category view builds its answer but never returns it (Flask answers 500)
# must-fail: GET /categories/<slug> lists one category, a new item shows up in the list and in its category
"""Month 5: routing in Flask, a small shop's catalogue.

Run it:  python shop.py   then open  http://127.0.0.1:5000/
"""
from flask import Flask, abort, jsonify, redirect, request, url_for

app = Flask(__name__)

ITEMS = {
    1: {"id": 1, "name": "Notebook", "price": 3, "category": "stationery"},
    2: {"id": 2, "name": "Pencil", "price": 1, "category": "stationery"},
    3: {"id": 3, "name": "Backpack", "price": 25, "category": "bags"},
    4: {"id": 4, "name": "Ruler", "price": 2, "category": "stationery"},
    5: {"id": 5, "name": "Lunch box", "price": 8, "category": "bags"},
}
next_id = 6


@app.route("/")
def home():
    return redirect(url_for("items"))


@app.route("/items", methods=["GET", "POST"])
def items():
    global next_id
    if request.method == "POST":
        data = request.get_json()
        item = {"id": next_id, "name": data["name"], "price": data["price"], "category": data["category"]}
        ITEMS[next_id] = item
        next_id += 1
        return jsonify(item), 201
    max_price = request.args.get("max_price", default=None, type=int)
    found = list(ITEMS.values())
    if max_price is not None:
        found = [item for item in found if item["price"] <= max_price]
    return jsonify(found)


@app.route("/items/<int:item_id>")
def item(item_id):
    if item_id not in ITEMS:
        abort(404)
    return jsonify(ITEMS[item_id])


@app.route("/categories/<slug>")
def category(slug):
    found = [item for item in ITEMS.values() if item["category"] == slug]
    if not found:
        abort(404)
    jsonify({"category": slug, "items": found})


@app.route("/products/<int:item_id>")
def old_product_page(item_id):
    return redirect(url_for("item", item_id=item_id), code=301)


@app.errorhandler(404)
def not_found(error):
    return jsonify({"error": "not found", "path": request.path}), 404


if __name__ == "__main__":
    app.run(debug=True)
