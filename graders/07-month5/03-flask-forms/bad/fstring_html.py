# sprout-bad: builds the pages with f-strings, so typed quotes and tags are not escaped
# must-fail: typed quotes and tags come back escaped, entries are listed oldest first and escaped
from flask import Flask, flash, get_flashed_messages, redirect, request, url_for

app = Flask(__name__)
app.secret_key = "dev"

entries = []


def form_page(name="", message="", errors=None):
    errors = errors or {}
    name_error = f'<p class="error">{errors["name"]}</p>' if "name" in errors else ""
    message_error = f'<p class="error">{errors["message"]}</p>' if "message" in errors else ""
    return f"""<!doctype html>
<title>Sign the guestbook</title>
<h1>Sign the guestbook</h1>
<form method="post">
  <div class="field">
    <label for="name">Your name</label>
    <input id="name" name="name" value="{name}">
    {name_error}
  </div>
  <div class="field">
    <label for="message">Your message</label>
    <input id="message" name="message" value="{message}">
    {message_error}
  </div>
  <button type="submit">Sign</button>
</form>
"""


@app.get("/")
def index():
    flashes = "".join(f'<p class="flash">{m}</p>' for m in get_flashed_messages())
    items = "".join(f'<li class="entry"><b>{e["name"]}</b>: {e["message"]}</li>' for e in entries)
    return f"""<!doctype html>
<title>Guestbook</title>
<h1>Guestbook</h1>
{flashes}
<ul>{items}</ul>
<p><a href="/sign">Sign the guestbook</a></p>
"""


@app.route("/sign", methods=["GET", "POST"])
def sign():
    if request.method == "GET":
        return form_page()
    name = request.form.get("name", "")
    message = request.form.get("message", "")
    errors = {}
    if not name.strip():
        errors["name"] = "Please enter your name."
    if not message.strip():
        errors["message"] = "Please write a message."
    elif len(message) > 200:
        errors["message"] = "Your message is too long (200 characters at most)."
    if errors:
        return form_page(name, message, errors)
    entries.append({"name": name.strip(), "message": message.strip()})
    flash(f"Thanks for signing, {name.strip()}!")
    return redirect(url_for("index"))


if __name__ == "__main__":
    app.run(debug=True)
