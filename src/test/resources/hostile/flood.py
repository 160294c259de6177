import os

import hostile_kit


def attack(token):
    hostile_kit.report(started=True)
    chunk = b"x" * 1000000
    for _ in range(100):  # 10^8 bytes
        os.write(1, chunk)
    return "flooded"
