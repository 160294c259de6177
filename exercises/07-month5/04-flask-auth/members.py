"""Month 5: a members' club with accounts: register, log in, log out.

Run it:  python members.py   then open http://127.0.0.1:5000/register in your browser.
"""
import sqlite3

from flask import Flask, g, redirect, render_template_string, request, session, url_for

# TODO: from werkzeug.security import generate_password_hash, check_password_hash

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


# TODO: a decorator login_required(view) that sends visitors who are not logged in
# to the login page, and runs the view for everyone else.


def create_app(database_path="users.db"):
    app = Flask(__name__)
    app.secret_key = "dev"  # signs the session cookie; use a long random one for real

    def get_db():
        if "db" not in g:
            g.db = sqlite3.connect(database_path)
            g.db.row_factory = sqlite3.Row  # rows can be read by column name: row["id"]
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
        # TODO: look up the logged-in user (from session["user_id"]) and keep it in g.user
        g.user = None

    def page(template, title, **values):
        return render_template_string(template, title=title, user=g.user, **values)

    @app.get("/")
    def index():
        return page(HOME, "Members' club")

    @app.route("/register", methods=["GET", "POST"])
    def register():
        if request.method == "GET":
            return page(ACCOUNT_FORM, "Register", username="")
        username = request.form.get("username", "")
        password = request.form.get("password", "")
        # TODO: check the username and the password length, hash the password,
        # refuse a username that is taken, then redirect to the login page.
        db = get_db()
        db.execute("INSERT INTO users (username, password_hash) VALUES (?, ?)", (username, password))
        db.commit()
        return page(HOME, "Members' club")

    @app.route("/login", methods=["GET", "POST"])
    def login():
        if request.method == "GET":
            return page(ACCOUNT_FORM, "Log in", username="")
        # TODO: find the user, check the password, remember the user in the session,
        # and redirect to the dashboard. Wrong name or password: the form again, with an error.
        return page(ACCOUNT_FORM, "Log in", username="", error="Logging in is not written yet.")

    @app.post("/logout")
    def logout():
        # TODO: forget the logged-in user, then redirect to the home page
        return redirect(url_for("index"))

    @app.get("/dashboard")
    def dashboard():
        # TODO: only for logged-in members
        return page(DASHBOARD, "Dashboard")

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
