# sprout-bad: keeps the thank-you in a global variable, so it is shown on every later page, to everyone
# must-fail: the thank-you message is shown once, a failed post shows no thank-you, entries are listed oldest first and escaped
from flask import Flask, redirect, render_template_string, request, url_for

app = Flask(__name__)

MAX_MESSAGE = 200

entries = []  # {"name": ..., "message": ...}, oldest first
thank_you = None  # the last thank-you message

INDEX = """<!doctype html>
<title>Guestbook</title>
<h1>Guestbook</h1>
{% if thank_you %}
  <p class="flash">{{ thank_you }}</p>
{% endif %}
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
    <input id="name" name="name" value="{{ name }}">
    {% if errors.name %}<p class="error">{{ errors.name }}</p>{% endif %}
  </div>
  <div class="field">
    <label for="message">Your message</label>
    <input id="message" name="message" value="{{ message }}">
    {% if errors.message %}<p class="error">{{ errors.message }}</p>{% endif %}
  </div>
  <button type="submit">Sign</button>
</form>
"""


@app.get("/")
def index():
    return render_template_string(INDEX, entries=entries, thank_you=thank_you)


@app.route("/sign", methods=["GET", "POST"])
def sign():
    if request.method == "GET":
        return render_template_string(FORM, name="", message="", errors={})

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
        # Show the form again, with what the visitor typed, so they only fix the mistake.
        return render_template_string(FORM, name=name, message=message, errors=errors), 400

    global thank_you
    entries.append({"name": name.strip(), "message": message.strip()})
    thank_you = f"Thanks for signing, {name.strip()}!"
    # Post/Redirect/Get: reloading the guestbook now repeats a harmless GET, not the POST.
    return redirect(url_for("index"), code=303)


if __name__ == "__main__":
    app.run(debug=True)
