import socket

import hostile_kit


def _tcp(port, token):
    with socket.create_connection(("127.0.0.1", int(port)), timeout=1.0) as s:
        s.sendall(token.encode() + b"\n")
    return "connected"


def _abstract(name, token):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(1.0)
    try:
        s.connect("\0" + name)
        s.sendall(token.encode() + b"\n")
    finally:
        s.close()
    return "connected"


def attack(token, port, abstract_name):
    tcp = hostile_kit.outcome(lambda: _tcp(port, token))
    unix = hostile_kit.outcome(lambda: _abstract(abstract_name, token))
    hostile_kit.report(tcp=tcp, unix=unix)
    return tcp + " / " + unix
