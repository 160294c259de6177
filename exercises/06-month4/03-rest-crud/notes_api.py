"""Month 4: a REST API for notes, with Flask.

Run it:  python notes_api.py   then try  curl -i http://127.0.0.1:5000/notes
"""
from flask import Flask, jsonify, request

app = Flask(__name__)

notes = {}  # id -> {"id": ..., "text": ...}
next_id = 1


@app.get("/notes")
def list_notes():
    # TODO: answer with every note, as a JSON list, oldest first
    return jsonify([])


@app.post("/notes")
def create_note():
    # TODO: read {"text": ...} from the request's JSON, store a new note with the next id,
    # and answer 201 Created with the note and a Location header. Broken JSON or a missing
    # text: answer 400 with {"error": "..."}.
    data = request.get_json()
    return jsonify({"text": data["text"]})


# TODO: GET /notes/<id>     read one note (404 if there is no such note)
# TODO: PUT /notes/<id>     change its text (404 / 400 as above)
# TODO: DELETE /notes/<id>  remove it: 204 No Content, with an empty body


if __name__ == "__main__":
    app.run(debug=True)
