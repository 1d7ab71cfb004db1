"""A WSGI app for tests/core/test_request_time_limit.py, served by a real gunicorn.

/pid answers the worker's process id; /stuck never answers: it loops in Python for ever, the
way a request caught in a runaway computation does.
"""

import os


def application(environ, start_response):
    if environ["PATH_INFO"] == "/stuck":
        n = 0
        while True:
            n += 1
    body = str(os.getpid()).encode()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]
