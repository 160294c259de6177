# sprout-bad: registers /users/<name> instead of /user/<name>
# must-fail: GET /user/Ada greets Ada, GET /user/Linus greets Linus, the greeting is JSON too, greets a percent-encoded unicode name, greets a name with a space

from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/")
def home():
    return jsonify({"message": "My first API!", "status": "success"})


@app.route("/users/<name>")
def greet_user(name):
    return jsonify({"greeting": f"Hello, {name}!"})


if __name__ == "__main__":
    app.run(debug=True)
