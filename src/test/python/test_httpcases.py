"""The http case client (httpcases.py): its cookie jar, query strings, {case_dir} arguments, and
redirects, against a tiny WSGI app on a real loopback port."""

import threading
import unittest

from harness_loader import module

httpcases = module("httpcases")


def app(environ, start_response):
    path = environ["PATH_INFO"]
    if path == "/login":
        start_response("302 Found", [("Location", "/me"), ("Set-Cookie", "sid=abc; Path=/; HttpOnly")])
        return [b""]
    if path == "/logout":
        start_response("303 See Other", [("Location", "http://127.0.0.1:%s/me" % environ["SERVER_PORT"]),
                                         ("Set-Cookie", "sid=; Max-Age=0; Path=/")])
        return [b""]
    if path == "/away":
        start_response("302 Found", [("Location", "http://example.com/")])
        return [b""]
    if path == "/loop":
        start_response("302 Found", [("Location", "/loop")])
        return [b""]
    body = ("%s %s?%s cookie=%s" % (environ["REQUEST_METHOD"], path, environ.get("QUERY_STRING", ""),
                                    environ.get("HTTP_COOKIE", ""))).encode()
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [body]


class HttpClientTest(unittest.TestCase):

    def setUp(self):
        self.server = httpcases._make_wsgi_server(app)
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        self.port = self.server.server_address[1]
        self.jar = httpcases.CookieJar()

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()

    def send(self, **request):
        return httpcases._send_request(self.port, request, 65536, self.jar)

    def test_a_redirect_is_the_answer_unless_followed(self):
        answer = self.send(method="POST", path="/login")
        self.assertEqual(302, answer["status"])
        self.assertEqual({"sid": "abc"}, self.jar.cookies)

    def test_a_followed_redirect_turns_into_a_get_and_carries_the_cookie(self):
        answer = self.send(method="POST", path="/login", data={"user": "ada"}, follow_redirects=True)
        self.assertEqual(200, answer["status"])
        self.assertEqual("GET /me? cookie=sid=abc", answer["body"])

    def test_an_expired_cookie_is_dropped(self):
        self.send(path="/login")
        answer = self.send(path="/logout", follow_redirects=True)
        self.assertEqual("GET /me? cookie=", answer["body"])
        self.assertEqual({}, self.jar.cookies)

    def test_the_query_is_encoded_and_a_name_may_repeat(self):
        answer = self.send(path="/search", query=[["q", "a b"], ["tag", "x"], ["tag", "y"]])
        self.assertEqual("GET /search?q=a+b&tag=x&tag=y cookie=", answer["body"])

    def test_a_redirect_away_from_the_app_is_not_followed(self):
        answer = self.send(path="/away", follow_redirects=True)
        self.assertEqual(302, answer["status"])

    def test_endless_redirects_end_with_an_error(self):
        answer = self.send(path="/loop", follow_redirects=True)
        self.assertIsNone(answer["status"])
        self.assertIn("redirects", answer["error"])

    def test_case_dir_is_put_into_factory_arguments(self):
        self.assertEqual([{"DATABASE": "/case/notes.db"}, 3, "x"],
                         httpcases._with_case_dir([{"DATABASE": "{case_dir}/notes.db"}, 3, "x"], "/case"))


if __name__ == "__main__":
    unittest.main()
