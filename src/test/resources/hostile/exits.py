import os
import sys


def via_sys_exit(token):
    print("about to leave")
    sys.exit(0)


def via_os_exit(token):
    print("about to leave")
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    print("half of the answer")
    sys.stdout.flush()
    os._exit(0)
