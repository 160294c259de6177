import time

import hostile_kit


def slow(token):
    """An honest submission that takes its time, graded while another one attacks."""
    hostile_kit.report(started=True)
    time.sleep(2.5)
    return "victim-" + token
