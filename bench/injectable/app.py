"""A deliberately injectable web application, for attack tools run through the gateway on loopback.

GET /item?id=N looks the item up with the id pasted into the SQL text, as careless code does:
the answer differs when an injected condition is true or false (boolean-blind), database errors
are shown (error-based), and stacked or time-based payloads reach SQLite as they are. Every
request it receives is appended to the log file named on the command line, so a run can count
what got through. Never expose it beyond 127.0.0.1.

Usage: python3 app.py PORT REQUEST_LOG
"""
import sqlite3
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

DATABASE = sqlite3.connect(":memory:", check_same_thread=False)
DATABASE.executescript("""
    CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT);
    CREATE TABLE users (id INTEGER PRIMARY KEY, login TEXT, password TEXT);
    INSERT INTO items VALUES (1, 'lamp'), (2, 'desk'), (3, 'chair');
    INSERT INTO users VALUES (1, 'admin', 'secret');
""")


class Handler(BaseHTTPRequestHandler):

    def do_GET(self):
        with open(self.server.request_log, "a", encoding="utf-8") as log:
            log.write(self.path + "\n")
        query = parse_qs(urlsplit(self.path).query)
        item = query.get("id", ["1"])[0]
        try:
            rows = DATABASE.execute("SELECT name FROM items WHERE id=" + item).fetchall()
            status, body = 200, "<html><body><h1>Item</h1><p>%s</p></body></html>" % (
                rows[0][0] if rows else "no such item")
        except sqlite3.Error as error:
            status, body = 500, "<html><body>database error: %s</body></html>" % error
        payload = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format, *args):
        pass


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.request_log = sys.argv[2]
    server.serve_forever()
