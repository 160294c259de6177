# sprout-bad: shows the post's text with |safe so line breaks and links work: any HTML or script a user types runs in the page
# must-fail: what users type is shown as text and never as HTML
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
  {% for post in posts %}
    <article class="post">
      <h2 class="title"><a href="{{ url_for('show_post', post_id=post['id']) }}">{{ post['title'] }}</a></h2>
      <p class="author">{{ post['username'] }}</p>
    </article>
  {% else %}
    <p>No posts yet.</p>
  {% endfor %}
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
    "post.html": """{% extends "base.html" %}
{% block title %}{{ post['title'] }}{% endblock %}
{% block content %}
  <article>
    <h1 class="title">{{ post['title'] }}</h1>
    <p class="author">{{ post['username'] }}</p>
    <div class="body">{{ post['body']|safe }}</div>
    {% if g.user and g.user['id'] == post['author_id'] %}
      <a href="{{ url_for('edit_post', post_id=post['id']) }}">Edit</a>
      <form method="post" action="{{ url_for('delete_post', post_id=post['id']) }}"><button>Delete</button></form>
    {% endif %}
  </article>
  <h2>Comments</h2>
  <ul class="comments">
    {% for comment in comments %}
      <li class="comment"><span class="author">{{ comment['username'] }}</span>: <span class="text">{{ comment['body'] }}</span></li>
    {% endfor %}
  </ul>
  {% if g.user %}
    <form method="post" action="{{ url_for('add_comment', post_id=post['id']) }}">
      <textarea name="body"></textarea>
      <button>Comment</button>
    </form>
  {% endif %}
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
}


def get_db():
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
    user_id = session.get("user_id")
    g.user = None
    if user_id is not None:
        g.user = get_db().execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()


def login_required(view):
    @functools.wraps(view)
    def wrapped(**kwargs):
        if g.user is None:
            return redirect(url_for("login"))
        return view(**kwargs)
    return wrapped


def get_post(post_id):
    post = get_db().execute(
        "SELECT p.id, p.title, p.body, p.author_id, u.username"
        " FROM posts p JOIN users u ON u.id = p.author_id WHERE p.id = ?",
        (post_id,),
    ).fetchone()
    if post is None:
        abort(404)
    return post


def get_own_post(post_id):
    post = get_post(post_id)
    if post["author_id"] != g.user["id"]:
        abort(403)
    return post


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
        posts = get_db().execute(
            "SELECT p.id, p.title, u.username FROM posts p JOIN users u ON u.id = p.author_id ORDER BY p.id DESC"
        ).fetchall()
        return render_template("index.html", posts=posts)

    @app.route("/register", methods=["GET", "POST"])
    def register():
        if request.method == "GET":
            return render_template("auth.html", heading="Register")
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        error = None
        if not username or not password:
            error = "Username and password are required."
        else:
            db = get_db()
            try:
                db.execute(
                    "INSERT INTO users (username, password_hash) VALUES (?, ?)",
                    (username, generate_password_hash(password)),
                )
                db.commit()
            except sqlite3.IntegrityError:
                error = f"The name {username} is already taken."
        if error:
            return render_template("auth.html", heading="Register", error=error), 400
        return redirect(url_for("login"))

    @app.route("/login", methods=["GET", "POST"])
    def login():
        if request.method == "GET":
            return render_template("auth.html", heading="Log in")
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        user = get_db().execute("SELECT * FROM users WHERE username = ?", (username,)).fetchone()
        if user is None or not check_password_hash(user["password_hash"], password):
            return render_template("auth.html", heading="Log in", error="Wrong username or password."), 400
        session.clear()
        session["user_id"] = user["id"]
        return redirect(url_for("index"))

    @app.route("/logout")
    def logout():
        session.clear()
        return redirect(url_for("index"))

    @app.route("/posts/new", methods=["GET", "POST"])
    @login_required
    def new_post():
        if request.method == "GET":
            return render_template("edit.html", heading="New post", title="", body="")
        title = request.form.get("title", "").strip()
        body = request.form.get("body", "")
        if not title:
            return render_template("edit.html", heading="New post", title=title, body=body,
                                   error="A post needs a title."), 400
        db = get_db()
        cursor = db.execute(
            "INSERT INTO posts (author_id, title, body) VALUES (?, ?, ?)", (g.user["id"], title, body)
        )
        db.commit()
        return redirect(url_for("show_post", post_id=cursor.lastrowid))

    @app.route("/posts/<int:post_id>")
    def show_post(post_id):
        post = get_post(post_id)
        comments = get_db().execute(
            "SELECT c.body, u.username FROM comments c JOIN users u ON u.id = c.author_id"
            " WHERE c.post_id = ? ORDER BY c.id",
            (post_id,),
        ).fetchall()
        return render_template("post.html", post=post, comments=comments)

    @app.route("/posts/<int:post_id>/edit", methods=["GET", "POST"])
    @login_required
    def edit_post(post_id):
        post = get_own_post(post_id)
        if request.method == "GET":
            return render_template("edit.html", heading="Edit post", title=post["title"], body=post["body"])
        title = request.form.get("title", "").strip()
        body = request.form.get("body", "")
        if not title:
            return render_template("edit.html", heading="Edit post", title=title, body=body,
                                   error="A post needs a title."), 400
        db = get_db()
        db.execute("UPDATE posts SET title = ?, body = ? WHERE id = ?", (title, body, post_id))
        db.commit()
        return redirect(url_for("show_post", post_id=post_id))

    @app.route("/posts/<int:post_id>/delete", methods=["POST"])
    @login_required
    def delete_post(post_id):
        get_own_post(post_id)
        db = get_db()
        db.execute("DELETE FROM comments WHERE post_id = ?", (post_id,))
        db.execute("DELETE FROM posts WHERE id = ?", (post_id,))
        db.commit()
        return redirect(url_for("index"))

    @app.route("/posts/<int:post_id>/comments", methods=["POST"])
    @login_required
    def add_comment(post_id):
        post = get_post(post_id)
        body = request.form.get("body", "").strip()
        if not body:
            comments = get_db().execute(
                "SELECT c.body, u.username FROM comments c JOIN users u ON u.id = c.author_id"
                " WHERE c.post_id = ? ORDER BY c.id",
                (post_id,),
            ).fetchall()
            return render_template("post.html", post=post, comments=comments,
                                   error="A comment cannot be empty."), 400
        db = get_db()
        db.execute(
            "INSERT INTO comments (post_id, author_id, body) VALUES (?, ?, ?)", (post_id, g.user["id"], body)
        )
        db.commit()
        return redirect(url_for("show_post", post_id=post_id))

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
