"""Month 5: register, log in and log out, with hashed passwords in SQLite and a login_required decorator."""
import functools
import sqlite3

from flask import (Flask, flash, g, redirect, render_template_string, request,
                   session, url_for)
from werkzeug.security import check_password_hash, generate_password_hash

MIN_PASSWORD = 8

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT UNIQUE NOT NULL,
    password_hash TEXT NOT NULL
)
"""

LAYOUT = """<!doctype html>
<title>{{ title }}</title>
<nav>
  {% if user %}
    <span class="user">Logged in as {{ user.username }}</span>
    <form method="post" action="{{ url_for('logout') }}"><button>Log out</button></form>
  {% else %}
    <a href="{{ url_for('login') }}">Log in</a> <a href="{{ url_for('register') }}">Register</a>
  {% endif %}
</nav>
{% for message in get_flashed_messages() %}<p class="flash">{{ message }}</p>{% endfor %}
<h1>{{ title }}</h1>
{% if error %}<p class="error">{{ error }}</p>{% endif %}
"""

HOME = LAYOUT + "<p>Welcome to the club.</p>"

DASHBOARD = LAYOUT.replace("<h1>{{ title }}</h1>", "<h1>Hello, {{ user.username }}!</h1>") + \
    "<p>Only members see this page.</p>"

ACCOUNT_FORM = LAYOUT + """
<form method="post">
  <label>Username <input name="username" value="{{ username }}"></label>
  <label>Password <input type="password" name="password"></label>
  <button type="submit">{{ title }}</button>
</form>
"""


def login_required(view):
    """Send visitors who are not logged in to the login page."""
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if g.user is None:
            return redirect(url_for("login"))
        return view(*args, **kwargs)
    return wrapped


def create_app(database_path="users.db"):
    app = Flask(__name__)
    app.secret_key = "dev"  # signs the session cookie; use a long random one for real

    def get_db():
        if "db" not in g:
            g.db = sqlite3.connect(database_path)
            g.db.row_factory = sqlite3.Row
        return g.db

    @app.teardown_appcontext
    def close_db(exception):
        db = g.pop("db", None)
        if db is not None:
            db.close()

    with sqlite3.connect(database_path) as db:
        db.execute(SCHEMA)

    @app.before_request
    def load_user():
        user_id = session.get("user_id")
        g.user = None
        if user_id is not None:
            g.user = get_db().execute(
                "SELECT id, username FROM users WHERE id = ?", (user_id,)).fetchone()

    def page(template, title, **values):
        return render_template_string(template, title=title, user=g.user, **values)

    @app.get("/")
    def index():
        return page(HOME, "Members' club")

    @app.route("/register", methods=["GET", "POST"])
    def register():
        if request.method == "GET":
            return page(ACCOUNT_FORM, "Register", username="")
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        error = None
        if not username:
            error = "Please choose a username."
        elif len(password) < MIN_PASSWORD:
            error = f"The password needs at least {MIN_PASSWORD} characters."
        else:
            db = get_db()
            try:
                with db:
                    db.execute("INSERT INTO users (username, password_hash) VALUES (?, ?)",
                               (username, generate_password_hash(password)))
            except sqlite3.IntegrityError:  # the UNIQUE username is taken
                error = "That username is taken."
        if error:
            return page(ACCOUNT_FORM, "Register", username=username, error=error), 400
        flash("Your account is ready. Please log in.")
        return redirect(url_for("login"), code=303)

    @app.route("/login", methods=["GET", "POST"])
    def login():
        if request.method == "GET":
            return page(ACCOUNT_FORM, "Log in", username="")
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        user = get_db().execute(
            "SELECT id, password_hash FROM users WHERE username = ?", (username,)).fetchone()
        if user is None or not check_password_hash(user["password_hash"], password):
            # The same words for both, so nobody learns which usernames exist.
            return page(ACCOUNT_FORM, "Log in", username=username,
                        error="Wrong username or password."), 401
        session.clear()
        session["user_id"] = user["id"]
        return redirect(url_for("dashboard"), code=303)

    @app.post("/logout")
    def logout():
        session.clear()
        flash("You are logged out.")
        return redirect(url_for("index"), code=303)

    @app.get("/dashboard")
    @login_required
    def dashboard():
        return page(DASHBOARD, "Dashboard")

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
