# sprout-bad: returns the greeting as a plain string instead of JSON
# must-fail: GET /user/Ada greets Ada, GET /user/Linus greets Linus, the greeting is JSON too, greets a percent-encoded unicode name, greets a name with a space

from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/")
def home():
    return jsonify({"message": "My first API!", "status": "success"})


@app.route("/user/<name>")
def greet_user(name):
    return f"Hello, {name}!"


if __name__ == "__main__":
    app.run(debug=True)
