"""A flood of polite keep-alive connections, for bench/connection-flood.sh.

Usage: connection_flood.py PORT MGMT_PORT ADDRESSES PER_ADDRESS HOLD_SECONDS

From each of ADDRESSES (comma-separated loopback addresses such as 127.0.0.2), PER_ADDRESS
connections are opened to PORT one after the other; each sends one GET, reads its answer and
then waits, until the gateway closes it or HOLD_SECONDS after the last one opened. Meanwhile a
fourth client (127.0.0.5) sends a GET on a new connection every 100 ms, and a probe asks the
management port's /actuator/health every 100 ms. Prints one JSON object: per address, how many
connections were opened, answered, failed and closed by the gateway; for the fourth client and
the probe, how many tries, how many got 200 and how long the slowest took.
"""
import asyncio
import json
import sys
import time
import urllib.request

FOURTH_CLIENT = "127.0.0.5"
CONNECT_TIMEOUT = 5


async def read_response(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    await reader.readexactly(length)
    return int(head.split(b" ")[1])


async def exchange(port, address, request):
    reader, writer = await asyncio.wait_for(
        asyncio.open_connection("127.0.0.1", port, local_addr=(address, 0)), CONNECT_TIMEOUT)
    writer.write(request)
    await writer.drain()
    return reader, writer, await asyncio.wait_for(read_response(reader), CONNECT_TIMEOUT)


class Flood:
    def __init__(self, port, addresses, per_address):
        self.port = port
        self.addresses = addresses
        self.per_address = per_address
        self.counts = {address: dict(opened=0, answered=0, failed=0, closed_by_gateway=0)
                       for address in addresses}
        self.writers = []

    async def run(self):
        await asyncio.gather(*(self.from_address(address) for address in self.addresses))

    async def from_address(self, address):
        counts = self.counts[address]
        for _ in range(self.per_address):
            try:
                reader, writer, status = await exchange(
                    self.port, address, b"GET /1k.bin HTTP/1.1\r\nHost: flood\r\n\r\n")
                counts["opened"] += 1
                counts["answered"] += status == 200
                self.writers.append(writer)
                asyncio.ensure_future(self.hold(counts, reader, writer))
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError):
                counts["failed"] += 1

    @staticmethod
    async def hold(counts, reader, writer):
        try:
            closed = not await reader.read(1)
        except OSError:
            closed = True
        if closed:
            counts["closed_by_gateway"] += 1
            writer.close()

    def close(self):
        for writer in self.writers:
            writer.close()


async def fourth_client(port, samples, stop):
    while not stop.is_set():
        start = time.monotonic()
        try:
            _, writer, status = await exchange(
                port, FOURTH_CLIENT, b"GET /1k.bin HTTP/1.1\r\nHost: fourth\r\nConnection: close\r\n\r\n")
            writer.close()
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError) as e:
            status = type(e).__name__
        samples.append((status, time.monotonic() - start))
        await asyncio.sleep(0.1)


def health(management_port):
    start = time.monotonic()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{management_port}/actuator/health",
                                    timeout=CONNECT_TIMEOUT) as response:
            status = response.status
    except OSError as e:
        status = type(e).__name__
    return status, time.monotonic() - start


async def probe(management_port, samples, stop):
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        samples.append(await loop.run_in_executor(None, health, management_port))
        await asyncio.sleep(0.1)


def summary(samples):
    served = [seconds for status, seconds in samples if status == 200]
    return dict(tries=len(samples), ok=len(served),
                other=sorted({str(status) for status, _ in samples if status != 200}),
                slowest_s=round(max(served), 3) if served else None)


async def main(port, management_port, addresses, per_address, hold_seconds):
    stop = asyncio.Event()
    fourth, probes = [], []
    watchers = [asyncio.ensure_future(fourth_client(port, fourth, stop)),
                asyncio.ensure_future(probe(management_port, probes, stop))]
    flood = Flood(port, addresses, per_address)
    start = time.monotonic()
    await flood.run()
    opened_in = time.monotonic() - start
    await asyncio.sleep(hold_seconds)
    stop.set()
    await asyncio.gather(*watchers)
    counts = flood.counts.values()
    print(json.dumps(dict(
        addresses=len(addresses), per_address=per_address, opened_in_s=round(opened_in, 1),
        flood={key: sum(c[key] for c in counts) for key in ("opened", "answered", "failed", "closed_by_gateway")},
        fourth_client=summary(fourth), health=summary(probes)), indent=1))
    flood.close()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3].split(","), int(sys.argv[4]),
                     float(sys.argv[5])))
