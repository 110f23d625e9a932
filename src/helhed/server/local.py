"""Run the service in this process for a while: for integration tests and benchmarks.

[`serving`][helhed.server.local.serving] starts uvicorn on a free port of 127.0.0.1 in a
background thread, gives the base URL, and stops the server when the block ends, so a test can
call the service with any HTTP client as a case system would. Production runs ``helhed serve``
(see the service page).

Examples:
    >>> import json, urllib.request
    >>> with serving() as url:
    ...     with urllib.request.urlopen(f"{url}/health") as answer:
    ...         json.load(answer)["status"]
    'ok'
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

from helhed._extras import needs
from helhed.server._call import Settings
from helhed.server.app import create_app

with needs("helhed.server"):
    import uvicorn

__all__ = ["serving"]

_START_SECONDS = 10.0


@contextlib.contextmanager
def serving(settings: Settings | None = None, *, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve ``create_app(settings)`` on a free port of ``host`` (IPv4) while the block runs.

    Yields:
        The base URL, e.g. ``http://127.0.0.1:43117``.

    Raises:
        RuntimeError: If the server has not started within ``_START_SECONDS``.
    """
    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listening.bind((host, 0))
    port = listening.getsockname()[1]
    config = uvicorn.Config(create_app(settings), log_config=None, access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + _START_SECONDS
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            server.should_exit = True
            listening.close()
            raise RuntimeError(f"the server did not start within {_START_SECONDS:.0f} seconds")
        time.sleep(0.01)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(_START_SECONDS)
        listening.close()
