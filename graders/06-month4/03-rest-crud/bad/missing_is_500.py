# sprout-bad: looks notes up with notes[note_id]: a missing note crashes (500) instead of 404
# must-fail: a missing note is 404 as JSON, PUT and DELETE on a missing note are 404, a deleted note is gone
from flask import Flask, jsonify, request

app = Flask(__name__)

notes = {}
next_id = 1


def error(message, status):
    return jsonify({"error": message}), status


def text_from_request():
    data = request.get_json(silent=True)
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
        return error("text is required", 400)
    note = {"id": next_id, "text": text}
    notes[next_id] = note
    next_id += 1
    return jsonify(note), 201, {"Location": f"/notes/{note['id']}"}


@app.get("/notes/<int:note_id>")
def read_note(note_id):
    return jsonify(notes[note_id])


@app.put("/notes/<int:note_id>")
def update_note(note_id):
    text = text_from_request()
    if text is None:
        return error("text is required", 400)
    notes[note_id]["text"] = text
    return jsonify(notes[note_id])


@app.delete("/notes/<int:note_id>")
def delete_note(note_id):
    del notes[note_id]
    return "", 204
