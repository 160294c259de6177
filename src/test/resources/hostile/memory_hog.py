import hostile_kit


def one_huge(token):
    hostile_kit.report(started=True)
    block = bytearray(10 * 1024 ** 3)
    return len(block)


def many_small(token):
    hostile_kit.report(started=True)
    keep = {}
    i = 0
    while True:
        keep[i] = (i, str(i))
        i += 1
