"""Month 5 project: a personal blog with Flask and SQLite.

Run it:  flask --app blog run --debug     then open http://127.0.0.1:5000/
"""
import functools
import sqlite3

from flask import Flask, abort, current_app, g, redirect, render_template, request, session, url_for
from jinja2 import DictLoader
from werkzeug.security import check_password_hash, generate_password_hash

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT UNIQUE NOT NULL,
    password_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS posts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    author_id INTEGER NOT NULL REFERENCES users (id),
    created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    title TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id INTEGER NOT NULL REFERENCES posts (id),
    author_id INTEGER NOT NULL REFERENCES users (id),
    created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    body TEXT NOT NULL
);
"""

# The pages. In a bigger project each would be a file in a templates/ folder; here they live in
# this dict so that your whole blog is one file. render_template("index.html", ...) finds them.
TEMPLATES = {
    "base.html": """<!doctype html>
<html>
<head><title>{% block title %}{% endblock %} - My blog</title></head>
<body>
<nav>
  <a href="{{ url_for('index') }}">My blog</a>
  {% if g.user %}
    <span class="user">{{ g.user['username'] }}</span>
    <a href="{{ url_for('new_post') }}">New post</a>
    <a href="{{ url_for('logout') }}">Log out</a>
  {% else %}
    <a href="{{ url_for('register') }}">Register</a>
    <a href="{{ url_for('login') }}">Log in</a>
  {% endif %}
</nav>
{% if error %}<p class="error">{{ error }}</p>{% endif %}
<main>{% block content %}{% endblock %}</main>
</body>
</html>""",
    "index.html": """{% extends "base.html" %}
{% block title %}Posts{% endblock %}
{% block content %}
  {# TODO: one <article class="post"> per post, newest first, holding
     <h2 class="title"><a href="...">the title</a></h2> and <p class="author">who wrote it</p> #}
{% endblock %}""",
    "auth.html": """{% extends "base.html" %}
{% block title %}{{ heading }}{% endblock %}
{% block content %}
  <h1>{{ heading }}</h1>
  <form method="post">
    <label>Username <input name="username" value="{{ request.form.get('username', '') }}"></label>
    <label>Password <input type="password" name="password"></label>
    <button>{{ heading }}</button>
  </form>
{% endblock %}""",
    "edit.html": """{% extends "base.html" %}
{% block title %}{{ heading }}{% endblock %}
{% block content %}
  <h1>{{ heading }}</h1>
  <form method="post">
    <label>Title <input name="title" value="{{ title }}"></label>
    <label>Text <textarea name="body">{{ body }}</textarea></label>
    <button>Save</button>
  </form>
{% endblock %}""",
    "post.html": """{% extends "base.html" %}
{% block title %}{{ post['title'] }}{% endblock %}
{% block content %}
  {# TODO: the post: its title (class "title"), its author's name (class "author") and its
     text (class "body"); then <li class="comment"> for each comment, oldest first, with
     <span class="author"> and <span class="text">; and, for a logged-in user, a form that
     posts a "body" to /posts/<id>/comments #}
{% endblock %}""",
}


def get_db():
    """The connection of the current request, to the file app.config["DATABASE"] names."""
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"])
        g.db.row_factory = sqlite3.Row
    return g.db


def close_db(exception=None):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_db():
    db = get_db()
    db.executescript(SCHEMA)
    db.commit()


def load_user():
    """Runs before every request: g.user is the logged-in user's row, or None."""
    # TODO: read session.get("user_id") and SELECT that user
    g.user = None


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(DATABASE="blog.db", SECRET_KEY="dev")
    if config:
        app.config.update(config)
    app.jinja_loader = DictLoader(TEMPLATES)
    app.teardown_appcontext(close_db)
    app.before_request(load_user)
    with app.app_context():
        init_db()

    @app.route("/")
    def index():
        # TODO: SELECT the posts with their author's username, newest first
        return render_template("index.html", posts=[])

    @app.route("/register", methods=["GET", "POST"])
    def register():
        if request.method == "GET":
            return render_template("auth.html", heading="Register")
        # TODO: store the user with a hashed password, then redirect to the login page;
        # a missing field or a taken name: the form again, with an error, status 400
        return render_template("auth.html", heading="Register", error="Not written yet."), 400

    @app.route("/login", methods=["GET", "POST"])
    def login():
        if request.method == "GET":
            return render_template("auth.html", heading="Log in")
        # TODO: check the name and password, remember the user's id in the session,
        # redirect to the index; wrong: the form again, with an error, status 400
        return render_template("auth.html", heading="Log in", error="Not written yet."), 400

    @app.route("/logout")
    def logout():
        # TODO: forget the user
        return redirect(url_for("index"))

    @app.route("/posts/new", methods=["GET", "POST"])
    def new_post():
        # TODO: only for logged-in users; GET shows edit.html, POST stores the post and
        # redirects to it
        return render_template("edit.html", heading="New post", title="", body="")

    @app.route("/posts/<int:post_id>")
    def show_post(post_id):
        # TODO: the post (404 if there is none) and its comments
        abort(404)

    # TODO: /posts/<id>/edit       (GET and POST; only the post's author, others get 403)
    # TODO: /posts/<id>/delete     (POST; only the post's author)
    # TODO: /posts/<id>/comments   (POST; logged-in users; 404 for a missing post)

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
