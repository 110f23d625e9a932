"""Load on ``helhed serve``: throughput and latency over HTTP, against the in-process call.

Run as ``python benchmarks/bench_server.py [--clients N] [--requests N]`` (or ``make bench``).
It starts ``helhed serve`` (one uvicorn worker) in a child process on a free port of
127.0.0.1, then sends a fixed number of requests from ``--clients`` concurrent clients, each
on one kept-alive connection, and prints for each operation the throughput (requests a second)
and the 50th and 99th percentile latency in milliseconds:

- ``health``, which does nothing: what the HTTP stack (uvicorn, Starlette, the access log)
  costs alone, the baseline;
- ``classify``, one citizen of the demo cohort a request (1,000 citizens in turn), and
  ``check``, the operation's example (three Halsnæs pathways against the Halsnæs protocol);
  each beside the same operation called in this process with its body already parsed
  ([`run`][helhed.server.operations.run]), and the ratio of the two rates;
- ``large``: the time of one check of a large body, the Aalborg example log many times over
  against Odense's consent practice, over HTTP and in process: what one request can hold a
  worker for.

``check`` does work worth serving: its target is on the ratio to the in-process rate, which
must be half or more, so reading and writing JSON text and the stack cost at most as much as
the check itself. ``classify`` is a call of some 20 microseconds, far less than the stack alone
takes a request (the ``health`` line), so its ratio to the in-process rate measures the stack,
and falls whenever ``classify`` gets faster. Its target is therefore on the ratio to the stack
alone: half or more, so that reading the body, the operation and writing its answer take at
most as much time as the stack itself. (Until ``classify`` was made about five times as fast,
the target was 0.15 of the in-process rate, chosen to mean the same.)
The clients are a minimal HTTP/1.1 load generator, so that they weigh little on the cores they
share with the server. The citizens and pathways are invented.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time

import httpx

from _timing import best_time, met
from helhed.examples import AALBORG_PERIOD, DEMO_DATE, aalborg_pathways, demo_cohort
from helhed.serialization import to_dict
from helhed.server import OPERATION, Settings, run

TARGETS = {"classify": ("the stack alone", 0.5), "check": ("in process", 0.5)}
"""Each operation's target: the least share over HTTP of that rate (see the docstring)."""

_SERVE = "import sys; from helhed.cli import main; sys.exit(main())"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bodies(operation: str, count: int) -> list[dict]:
    if operation == "classify":
        citizens = [to_dict(c) for c in demo_cohort(min(count, 1_000), on=DEMO_DATE)]
        on = DEMO_DATE.isoformat()
        return [{"on": on, "citizen": citizens[i % len(citizens)]} for i in range(count)]
    example = OPERATION[operation].example()
    return [example] * count


class Connection:
    """One kept-alive HTTP/1.1 connection that sends a prepared request and reads the answer.

    A load generator as small as can be (as wrk is), so that the client's own cost weighs
    little beside the server's on a machine they share: it reads the status line, the headers
    and a body of the ``content-length`` they give, and nothing more.
    """

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    @classmethod
    async def open(cls, port: int) -> Connection:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        return cls(reader, writer)

    async def send(self, request: bytes) -> int:
        """Send one request; return the answer's status once its body has been read."""
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        for line in head.split(b"\r\n"):
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        await self.reader.readexactly(length)
        return status

    def close(self) -> None:
        self.writer.close()


def request(path: str, body: bytes | None) -> bytes:
    """The bytes of one request: a POST of ``body`` to ``path``, or a GET without one."""
    if body is None:
        return f"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n".encode()
    head = (
        f"POST {path} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def load(port: int, sent: list[bytes], clients: int) -> tuple[float, list[float]]:
    """Send every request, ``clients`` at a time; return the seconds taken and each latency."""
    latencies: list[float] = []
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for one in sent:
        queue.put_nowait(one)

    async def client() -> None:
        connection = await Connection.open(port)
        try:
            while not queue.empty():
                one = queue.get_nowait()
                start = time.perf_counter()
                status = await connection.send(one)
                latencies.append(time.perf_counter() - start)
                if status != 200:
                    raise RuntimeError(f"the server answered {status}")
        finally:
            connection.close()

    start = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return time.perf_counter() - start, latencies


LARGE_COPIES = 20
"""How many times over the Aalborg example log is sent in the one large check."""


def large_check() -> dict:
    """The Aalborg example log ``LARGE_COPIES`` times over, each copy its own citizens."""
    pathways = []
    for copy in range(LARGE_COPIES):
        for pathway in aalborg_pathways():
            document = to_dict(pathway)
            cid = f"{pathway.citizen_id}-{copy}"
            document["citizen_id"] = cid
            document["events"] = [{**e, "citizen_id": cid} for e in document["events"]]
            pathways.append(document)
    return {
        "on": AALBORG_PERIOD.end.isoformat(),
        "protocol": "odense-samtykke",
        "pathways": pathways,
    }


def in_process(operation: str, sent: list[dict]) -> float:
    """Calls a second of the operation in this process, the body already parsed."""
    chosen = OPERATION[operation]
    settings = Settings()
    sample = sent[: min(len(sent), 500)]

    def work() -> None:
        for body in sample:
            run(chosen, body, {}, settings)

    return len(sample) / best_time(work, 3)


def start_server(port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-c", _SERVE, "serve", "--port", str(port), "--log-level", "warning"],
        env={k: v for k, v in os.environ.items() if not k.startswith("HELHED_SERVE_")},
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{port}/health")
        except httpx.TransportError:
            if time.monotonic() > deadline:
                server.kill()
                raise
            time.sleep(0.1)
        else:
            return server


def measure(port: int, sent: list[bytes], clients: int) -> tuple[float, list[float]]:
    """Requests a second and the latencies, in seconds, after a warm-up of 100 requests."""
    asyncio.run(load(port, sent[:100], clients))
    seconds, latencies = asyncio.run(load(port, sent, clients))
    return len(sent) / seconds, statistics.quantiles(latencies, n=100)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--requests", type=int, default=4_000, help="per operation (default 4,000)")
    args = parser.parse_args()
    port = free_port()
    print(
        f"helhed serve under load: {args.requests:,} requests per operation from "
        f"{args.clients} clients, one uvicorn worker; Python {platform.python_version()}, "
        f"{os.cpu_count()} cores"
    )
    server = start_server(port)
    try:
        floor, quantiles = measure(port, [request("/health", None)] * args.requests, args.clients)
        print(
            f"{'health':>8}: {floor:8,.0f} requests/s, p50 {quantiles[49] * 1e3:5.2f} ms, "
            f"p99 {quantiles[98] * 1e3:5.2f} ms (the stack alone: the baseline)"
        )
        for operation in ("classify", "check"):
            path = OPERATION[operation].path
            parsed = bodies(operation, args.requests)
            sent = [request(path, json.dumps(b).encode()) for b in parsed]
            rate, quantiles = measure(port, sent, args.clients)
            local = in_process(operation, parsed)
            ratios = {"the stack alone": rate / floor, "in process": rate / local}
            against, least = TARGETS[operation]
            print(
                f"{operation:>8}: {rate:8,.0f} requests/s, p50 {quantiles[49] * 1e3:5.2f} ms, "
                f"p99 {quantiles[98] * 1e3:5.2f} ms; {ratios['the stack alone']:.3f} of the "
                f"baseline; in process {local:8,.0f} calls/s; HTTP/in-process "
                f"{ratios['in process']:.3f}"
            )
            print(
                f"{'':>8}  {operation} over HTTP >= {least} of its rate {against}: "
                f"{met(ratios[against] >= least)}"
            )
        large = large_check()
        sent_large = json.dumps(large).encode()
        events = sum(len(p["events"]) for p in large["pathways"])
        seconds, _ = asyncio.run(load(port, [request("/check", sent_large)] * 2, 1))
        local = 1 / in_process("check", [large])
        print(
            f"   large: one check of {len(large['pathways']):,} pathways, {events:,} events, "
            f"{len(sent_large) / 1e6:.1f} MB: {seconds / 2:.2f} s over HTTP, {local:.2f} s in "
            f"process (the Aalborg example log, {LARGE_COPIES} times over)"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
