# sprout-bad: shows the errors but an empty form: what the visitor typed is lost
# must-fail: the typed values are kept in the form, typed quotes and tags come back escaped
from flask import Flask, flash, redirect, render_template_string, request, url_for

app = Flask(__name__)
app.secret_key = "dev"  # flash() keeps its message in the session, which needs a secret key

MAX_MESSAGE = 200

entries = []  # {"name": ..., "message": ...}, oldest first

INDEX = """<!doctype html>
<title>Guestbook</title>
<h1>Guestbook</h1>
{% for message in get_flashed_messages() %}
  <p class="flash">{{ message }}</p>
{% endfor %}
<ul>
{% for entry in entries %}
  <li class="entry"><b>{{ entry.name }}</b>: {{ entry.message }}</li>
{% endfor %}
</ul>
<p><a href="{{ url_for('sign') }}">Sign the guestbook</a></p>
"""

FORM = """<!doctype html>
<title>Sign the guestbook</title>
<h1>Sign the guestbook</h1>
<form method="post">
  <div class="field">
    <label for="name">Your name</label>
    <input id="name" name="name" >
    {% if errors.name %}<p class="error">{{ errors.name }}</p>{% endif %}
  </div>
  <div class="field">
    <label for="message">Your message</label>
    <input id="message" name="message" >
    {% if errors.message %}<p class="error">{{ errors.message }}</p>{% endif %}
  </div>
  <button type="submit">Sign</button>
</form>
"""


@app.get("/")
def index():
    return render_template_string(INDEX, entries=entries)


@app.route("/sign", methods=["GET", "POST"])
def sign():
    if request.method == "GET":
        return render_template_string(FORM, errors={})

    name = request.form.get("name", "")
    message = request.form.get("message", "")
    errors = {}
    if not name.strip():
        errors["name"] = "Please enter your name."
    if not message.strip():
        errors["message"] = "Please write a message."
    elif len(message.strip()) > MAX_MESSAGE:
        errors["message"] = f"Your message is too long ({MAX_MESSAGE} characters at most)."
    if errors:
        return render_template_string(FORM, errors=errors), 400

    entries.append({"name": name.strip(), "message": message.strip()})
    flash(f"Thanks for signing, {name.strip()}!")
    # Post/Redirect/Get: reloading the guestbook now repeats a harmless GET, not the POST.
    return redirect(url_for("index"), code=303)


if __name__ == "__main__":
    app.run(debug=True)
