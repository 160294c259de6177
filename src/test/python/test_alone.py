"""What the child checks before it writes a result (docs/harness-protocol.md, "The result is the
harness's own"): no other Python thread, no child process still running; and a result it cannot
trust reads as a harness-error with a plain message."""

import os
import sys
import threading
import time
import unittest

from harness_loader import module

case = module("case")
oshelp = module("oshelp")


class AloneTest(unittest.TestCase):

    def test_one_python_thread_when_alone(self):
        self.assertEqual(oshelp._python_threads(sys._current_frames), 1)

    def test_a_running_thread_counts(self):
        stop = threading.Event()
        t = threading.Thread(target=stop.wait, daemon=True)
        t.start()
        try:
            self.assertEqual(oshelp._python_threads(sys._current_frames), 2)
            self.assertEqual(case._left_running(), "thread")
        finally:
            stop.set()
            t.join()

    def test_a_thread_without_a_frame_counts(self):
        # as a thread started but not yet running Python looks: the only frame is this one
        self.assertEqual(oshelp._python_threads(lambda: {0: None, 1: None}), 2)
        stop = threading.Event()
        t = threading.Thread(target=stop.wait, daemon=True)
        t.start()
        try:
            self.assertEqual(oshelp._python_threads(lambda: {0: None}), 2)  # from the dump
        finally:
            stop.set()
            t.join()

    def test_a_joined_thread_is_gone(self):
        t = threading.Thread(target=time.sleep, args=(0.01,))
        t.start()
        t.join()
        self.assertIsNone(case._left_running())

    def test_a_running_child_process_counts_and_a_zombie_does_not(self):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(w)
            os.read(r, 1)
            os._exit(0)
        os.close(r)
        try:
            self.assertTrue(oshelp._live_children())
            self.assertEqual(case._left_running(), "process")
        finally:
            os.close(w)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None:
            time.sleep(0.005)
        try:
            self.assertFalse(oshelp._live_children())  # a zombie holds no files
        finally:
            os.waitpid(pid, 0)
        self.assertFalse(oshelp._live_children())

    def test_an_untrusted_result_says_why_in_plain_words(self):
        result = case.untrusted_result("thread")
        self.assertEqual(result["status"], "harness-error")
        self.assertIn("left a thread running while sprout was reading its answer",
                      result["exception"]["message"])
        self.assertIn("left a process running", case.untrusted_result("process")["exception"]["message"])

    def test_the_result_is_written_and_its_fd_closed(self):
        r, w = os.pipe()
        try:
            case._write_last(w, b'{"status":"returned"}\n')
            self.assertEqual(os.read(r, 100), b'\n{"status":"returned"}\n')
            self.assertEqual(os.read(r, 100), b"")  # w now points at /dev/null: the pipe ended
        finally:
            os.close(r)
            os.close(w)


if __name__ == "__main__":
    unittest.main()
