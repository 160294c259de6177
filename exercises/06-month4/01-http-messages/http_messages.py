"""HTTP messages: read a raw HTTP/1.1 request, write a raw HTTP/1.1 response.

Try it:  python http_messages.py
Check it: sprout submit http-messages
"""
from http import HTTPStatus  # HTTPStatus(404).phrase == "Not Found"
from urllib.parse import parse_qsl  # dict(parse_qsl("q=hello%20world")) == {"q": "hello world"}


def parse_request(raw):
    """Turn the bytes of an HTTP/1.1 request into a dict:

    {"method": "GET", "path": "/search", "query": {"q": "cats"}, "version": "HTTP/1.1",
     "headers": {"host": "example.com"}, "body": b""}

    Header names are lower-cased; the body is Content-Length bytes (b"" without it).
    A malformed request line raises ValueError.
    """
    # TODO: split the head from the body at the blank line b"\r\n\r\n"
    # TODO: the request line: METHOD TARGET VERSION
    # TODO: one header per line, "Name: value"
    return {}


def build_response(status, headers, body):
    """The bytes of an HTTP/1.1 response:

    b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"

    body is str (sent as UTF-8) or bytes; Content-Length is added for you to compute.
    """
    # TODO: status line, the headers, Content-Length, a blank line, then the body
    return b""


if __name__ == "__main__":
    raw = b"GET /search?q=cats&page=2 HTTP/1.1\r\nHost: example.com\r\nAccept: text/html\r\n\r\n"
    print(parse_request(raw))
    print(build_response(200, {"Content-Type": "text/plain"}, "hello"))
