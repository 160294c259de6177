# sprout-bad: answers GET / with status 201 (Created) instead of 200
# must-fail: GET / answers with status 200

from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/")
def home():
    return jsonify({"message": "My first API!", "status": "success"}), 201


@app.route("/user/<name>")
def greet_user(name):
    return jsonify({"greeting": f"Hello, {name}!"})


if __name__ == "__main__":
    app.run(debug=True)
