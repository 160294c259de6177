"""Week 4: your first API with Flask.

Run it:  python simple_api.py   then open http://127.0.0.1:5000/
"""
from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/")
def home():
    # TODO: answer with {"message": "My first API!", "status": "success"}
    return jsonify({"message": "TODO"})


# TODO: add a route for /user/<name> that answers {"greeting": "Hello, <name>!"}


if __name__ == "__main__":
    app.run(debug=True)
