"""Reference solution: the roadmap's simple_api.py."""
from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/")
def home():
    return jsonify({"message": "My first API!", "status": "success"})


@app.route("/user/<name>")
def greet_user(name):
    return jsonify({"greeting": f"Hello, {name}!"})


if __name__ == "__main__":
    app.run(debug=True)
