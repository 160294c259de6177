# sprout-bad: takes everything after the blank line as the body, ignoring Content-Length
# must-fail: without Content-Length there is no body, bytes past Content-Length are cut, Content-Length counts bytes
"""HTTP messages: read a raw HTTP/1.1 request, write a raw HTTP/1.1 response."""
from http import HTTPStatus
from urllib.parse import parse_qsl


def parse_request(raw):
    """Turn the bytes of an HTTP/1.1 request into a dict.

    {"method": "GET", "path": "/search", "query": {"q": "cats"}, "version": "HTTP/1.1",
     "headers": {"host": "example.com"}, "body": b""}
    """
    head, _, rest = raw.partition(b"\r\n\r\n")
    lines = head.decode("iso-8859-1").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3 or not parts[0] or not parts[1] or not parts[2].startswith("HTTP/"):
        raise ValueError(f"malformed request line: {lines[0]!r}")
    method, target, version = parts
    path, _, query_string = target.partition("?")
    query = dict(parse_qsl(query_string))

    headers = {}
    for line in lines[1:]:
        if not line:
            continue
        name, colon, value = line.partition(":")
        if not colon:
            raise ValueError(f"malformed header line: {line!r}")
        headers[name.strip().lower()] = value.strip()

    return {
        "method": method,
        "path": path,
        "query": query,
        "version": version,
        "headers": headers,
        "body": rest,
    }


def build_response(status, headers, body):
    """The bytes of an HTTP/1.1 response: status line, headers, Content-Length, blank line, body."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    reason = HTTPStatus(status).phrase
    lines = [f"HTTP/1.1 {status} {reason}"]
    for name, value in headers.items():
        lines.append(f"{name}: {value}")
    lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("iso-8859-1") + body


if __name__ == "__main__":
    request = parse_request(b"GET /search?q=cats HTTP/1.1\r\nHost: example.com\r\n\r\n")
    print(request)
    print(build_response(200, {"Content-Type": "text/plain"}, "hello"))
