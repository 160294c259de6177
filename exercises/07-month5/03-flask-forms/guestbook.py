"""Month 5: a guestbook with an HTML form.

Run it:  python guestbook.py   then open http://127.0.0.1:5000/sign in your browser.
"""
from flask import Flask, redirect, render_template_string, request, url_for

app = Flask(__name__)
# TODO: flash() needs a secret key:  app.secret_key = "dev"

entries = []  # {"name": ..., "message": ...}, oldest first

INDEX = """<!doctype html>
<title>Guestbook</title>
<h1>Guestbook</h1>
{# TODO: show each flashed message in a <p class="flash"> #}
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
    <input id="name" name="name">
    {# TODO: keep the typed value, and show the error for this box here #}
  </div>
  <div class="field">
    <label for="message">Your message</label>
    <input id="message" name="message">
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
        return render_template_string(FORM)

    # TODO: check the name and the message. When something is wrong, show the form
    # again with the errors and what was typed, and store nothing.
    entries.append({"name": request.form["name"], "message": request.form["message"]})
    # TODO: flash a thank-you, then redirect to the guestbook instead of rendering it here
    return render_template_string(INDEX, entries=entries)


if __name__ == "__main__":
    app.run(debug=True)
