"""Backends whose answers can be delayed at run time, counting what they receive, for
bench/slow-backend.sh.

Usage: slow_backend.py CONTROL_PORT PORT...

Each PORT on 127.0.0.1 is one backend: HTTP/1.1 with keep-alive, "200 ok" to every request,
sent once the backend's delay (0 at first) has passed since the request arrived, with the
request's X-Bench-Sent header (the client's send time) echoed, so that the client can time each
request. Requests are counted by the backend that received them, in total and per second of
arrival.

CONTROL_PORT on 127.0.0.1 answers:
  GET /start?port=P&delay=MS  zeroes the counts, starts a new timeline now and delays every
                              request to backend P that arrives from now on by MS ms (the other
                              backends answer at once)
  GET /counts                 {"ports": [...], "total": [...], "seconds": [[...], ...]}: the
                              requests each backend received since the last start, in all and
                              per second of the timeline (in the order of "ports")
"""
import asyncio
import collections
import json
import sys
import time
from urllib.parse import parse_qs, urlsplit

RESPONSE = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n%s\r\nok\n"
SENT = b"x-bench-sent"


class Counts:
    def __init__(self, ports):
        self.ports = ports
        self.delays = {port: 0.0 for port in ports}
        self.start(None, 0)

    def start(self, slow_port, delay_ms):
        self.started = time.monotonic()
        self.total = {port: 0 for port in self.ports}
        self.seconds = []
        for port in self.ports:
            self.delays[port] = delay_ms / 1000 if port == slow_port else 0.0

    def received(self, port):
        self.total[port] += 1
        second = int(time.monotonic() - self.started)
        while len(self.seconds) <= second:
            self.seconds.append({p: 0 for p in self.ports})
        self.seconds[second][port] += 1

    def as_json(self):
        return json.dumps({
            "ports": self.ports,
            "total": [self.total[p] for p in self.ports],
            "seconds": [[second[p] for p in self.ports] for second in self.seconds],
        })


class Backend(asyncio.Protocol):
    """One connection to a backend. Answers leave in the order of their requests."""

    def __init__(self, port, counts):
        self.port = port
        self.counts = counts
        self.buffer = b""
        self.transport = None
        self.pending = collections.deque()
        self.received = 0
        self.answered = 0

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            length, sent = parse_head(self.buffer[:end])
            if len(self.buffer) < end + 4 + length:
                return
            self.buffer = self.buffer[end + 4 + length:]
            self.counts.received(self.port)
            self.received += 1
            self.pending.append(RESPONSE % (b"X-Bench-Sent: %s\r\n" % sent if sent else b""))
            delay = self.counts.delays[self.port]
            if delay > 0:
                asyncio.get_running_loop().call_later(delay, self.answer_through, self.received)
            else:
                self.answer_through(self.received)

    def answer_through(self, request):
        """Sends the answers up to the request-th, earlier ones included should the delay have
        been shortened meanwhile."""
        while self.answered < request:
            self.answered += 1
            response = self.pending.popleft()
            if not self.transport.is_closing():
                self.transport.write(response)


def parse_head(head):
    """The body's length and the X-Bench-Sent value (None when absent) of a request head."""
    length, sent = 0, None
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == SENT:
            sent = value.strip()
    return length, sent


async def control(counts, reader, writer):
    try:
        request_line = (await reader.readuntil(b"\r\n\r\n")).split(b"\r\n")[0].decode()
        target = urlsplit(request_line.split(" ")[1])
        if target.path == "/start":
            query = parse_qs(target.query)
            counts.start(int(query["port"][0]), float(query["delay"][0]))
            status, body = "200 OK", "started\n"
        elif target.path == "/counts":
            status, body = "200 OK", counts.as_json()
        else:
            status, body = "404 Not Found", "no such control\n"
    except (KeyError, ValueError, IndexError) as e:
        status, body = "400 Bad Request", f"{e!r}\n"
    writer.write(f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n{body}".encode())
    await writer.drain()
    writer.close()


async def main(control_port, ports):
    counts = Counts(ports)
    loop = asyncio.get_running_loop()
    for port in ports:
        await loop.create_server(lambda port=port: Backend(port, counts), "127.0.0.1", port, backlog=1024)
    server = await asyncio.start_server(lambda r, w: control(counts, r, w), "127.0.0.1", control_port)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), [int(p) for p in sys.argv[2:]]))
