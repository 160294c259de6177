"""The stub HTTP service (stubhttp.py) on a real loopback port: routes, the log, the bounds."""

import http.client
import json
import socket
import time
import unittest

from harness_loader import module

stubhttp = module("stubhttp")

ROUTES = [
    {"method": "GET", "path": "/weather", "query": {"city": "London"}, "status": 200,
     "json": {"temp": 11.5, "sky": "cloudy"}},
    {"method": "GET", "path": "/weather", "status": 404, "json": {"error": "unknown city"}},
    {"method": "POST", "path": "/notes", "status": 201, "text": "made", "headers": {"X-Id": "7"}},
    {"path": "/slow", "delay": 30, "status": 200, "text": "late"},
]


class StubServerTest(unittest.TestCase):

    def setUp(self):
        self.stub = stubhttp.StubServer({"routes": ROUTES}, 2.0)
        self.url = self.stub.start()
        self.port = int(self.url.rsplit(":", 1)[1])

    def tearDown(self):
        self.stub.stop()

    def request(self, method, target, body=None, headers=None, timeout=5):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, target, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            conn.close()

    def test_serves_on_loopback_and_the_first_matching_route_answers(self):
        self.assertTrue(self.url.startswith("http://127.0.0.1:"))
        status, headers, body = self.request("GET", "/weather?city=London&units=metric")
        self.assertEqual((status, json.loads(body)), (200, {"temp": 11.5, "sky": "cloudy"}))
        self.assertEqual(headers["Content-Type"], "application/json")
        status, _, body = self.request("GET", "/weather?city=Paris")
        self.assertEqual((status, json.loads(body)), (404, {"error": "unknown city"}))
        status, headers, body = self.request("POST", "/notes", body=b"hi")
        self.assertEqual((status, headers["X-Id"], body), (201, "7", b"made"))

    def test_unmatched_requests_get_a_404_json_and_are_logged(self):
        status, _, body = self.request("DELETE", "/weather")
        self.assertEqual(status, 404)
        self.assertIn("error", json.loads(body))
        log = self.stub.stop()
        self.assertEqual(log["requests"][0]["method"], "DELETE")
        self.assertIsNone(log["requests"][0]["route"])

    def test_logs_method_path_raw_and_decoded_query_headers_and_body(self):
        self.request("POST", "/notes?tag=a%20b&tag=c&empty=", body=b'{"x": 1}',
                     headers={"X-Api-Key": "k1", "Content-Type": "application/json"})
        entry = self.stub.stop()["requests"][0]
        self.assertEqual((entry["method"], entry["path"]), ("POST", "/notes"))
        self.assertEqual(entry["query"], "tag=a%20b&tag=c&empty=")
        self.assertEqual(entry["params"], {"tag": ["a b", "c"], "empty": [""]})
        self.assertIn(["X-Api-Key", "k1"], entry["headers"])
        self.assertEqual(entry["body"], '{"x": 1}')
        self.assertEqual(entry["route"], 2)

    def test_a_query_with_an_unencoded_ampersand_is_logged_as_sent(self):
        self.request("GET", "/weather?city=Trinidad%20&%20Tobago")
        entry = self.stub.stop()["requests"][0]
        self.assertEqual(entry["params"]["city"], ["Trinidad "])
        self.assertEqual(entry["route"], 1)

    def test_a_delay_is_capped_by_the_case_wall_time(self):
        started = time.monotonic()
        status, _, body = self.request("GET", "/slow")
        elapsed = time.monotonic() - started
        self.assertEqual((status, body), (200, b"late"))
        self.assertGreaterEqual(elapsed, 1.9)
        self.assertLess(elapsed, 10)

    def test_a_client_that_times_out_is_still_logged_and_stop_ends_the_delay(self):
        with self.assertRaises(socket.timeout):
            self.request("GET", "/slow", timeout=0.3)
        started = time.monotonic()
        log = self.stub.stop()
        self.assertLess(time.monotonic() - started, 1.5)
        self.assertEqual([r["path"] for r in log["requests"]], ["/slow"])

    def test_the_log_and_the_bodies_are_bounded(self):
        self.request("POST", "/notes", body=b"x" * (stubhttp.MAX_BODY + 10))
        for _ in range(stubhttp.MAX_LOGGED + 4):
            self.request("GET", "/weather?city=London")
        log = self.stub.stop()
        self.assertEqual(len(log["requests"]), stubhttp.MAX_LOGGED)
        self.assertEqual(log["dropped"], 5)
        self.assertEqual(len(log["requests"][0]["body"]), stubhttp.MAX_BODY)

    def test_big_headers_are_cut_and_the_log_stays_under_its_budget(self):
        big = {"X-Big-%d" % i: "v" * 60000 for i in range(20)}
        for _ in range(30):
            self.request("GET", "/weather?city=" + "x" * 20000, headers=big)
        log = self.stub.stop()
        self.assertEqual(len(log["requests"]) + log["dropped"], 30)
        self.assertGreater(log["dropped"], 0)
        self.assertLess(len(json.dumps(log)), 2 * stubhttp.MAX_LOG_CHARS)
        self.assertTrue(all(len(v) <= stubhttp.MAX_FIELD for _, v in log["requests"][0]["headers"]))

    def test_stop_returns_promptly_with_idle_connections_open(self):
        idle = [socket.create_connection(("127.0.0.1", self.port)) for _ in range(3)]
        try:
            time.sleep(0.1)
            started = time.monotonic()
            self.stub.stop()
            self.assertLess(time.monotonic() - started, 1.5)
        finally:
            for s in idle:
                s.close()


class MatchTest(unittest.TestCase):

    def test_method_defaults_to_get_and_query_is_a_subset(self):
        routes = [{"path": "/a", "query": {"n": 1}}, {"path": "/a"}]
        self.assertEqual(stubhttp.match(routes, "GET", "/a", {"n": ["1"], "m": ["2"]}), 0)
        self.assertEqual(stubhttp.match(routes, "GET", "/a", {"n": ["2"]}), 1)
        self.assertIsNone(stubhttp.match(routes, "POST", "/a", {}))
        self.assertIsNone(stubhttp.match(routes, "GET", "/b", {}))


if __name__ == "__main__":
    unittest.main()
