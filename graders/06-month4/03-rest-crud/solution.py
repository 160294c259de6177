"""Month 4: a REST API for notes, with Flask.

Run it:  python notes_api.py   then try  curl -i http://127.0.0.1:5000/notes
"""
from flask import Flask, jsonify, request

app = Flask(__name__)

notes = {}  # id -> {"id": ..., "text": ...}, kept in the order they were created
next_id = 1


def error(message, status):
    return jsonify({"error": message}), status


def text_from_request():
    """The note's text from a JSON body like {"text": "buy milk"}, or None if the body is no good."""
    data = request.get_json(silent=True)  # None instead of an error page when the JSON is broken
    if not isinstance(data, dict):
        return None
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        return None
    return text


@app.get("/notes")
def list_notes():
    return jsonify(list(notes.values()))


@app.post("/notes")
def create_note():
    global next_id
    text = text_from_request()
    if text is None:
        return error('send JSON like {"text": "buy milk"}', 400)
    note = {"id": next_id, "text": text}
    notes[next_id] = note
    next_id += 1
    return jsonify(note), 201, {"Location": f"/notes/{note['id']}"}


@app.get("/notes/<int:note_id>")
def read_note(note_id):
    if note_id not in notes:
        return error("note not found", 404)
    return jsonify(notes[note_id])


@app.put("/notes/<int:note_id>")
def update_note(note_id):
    if note_id not in notes:
        return error("note not found", 404)
    text = text_from_request()
    if text is None:
        return error('send JSON like {"text": "buy milk"}', 400)
    notes[note_id]["text"] = text
    return jsonify(notes[note_id])


@app.delete("/notes/<int:note_id>")
def delete_note(note_id):
    if note_id not in notes:
        return error("note not found", 404)
    del notes[note_id]
    return "", 204


if __name__ == "__main__":
    app.run(debug=True)
