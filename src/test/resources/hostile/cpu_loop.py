import hostile_kit


def attack(token):
    hostile_kit.report(started=True)
    while True:
        pass
