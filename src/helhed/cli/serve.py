"""``helhed serve``: answer the library's operations over HTTP (the ``server`` extra).

Runs [`helhed.server.app`][helhed.server.app] under uvicorn on ``--host`` and ``--port``
(127.0.0.1:8000 by default, so nothing outside the machine reaches it unless asked), with
``--workers`` processes. ``--on`` pins the day a request that leaves out ``on`` is answered
for; ``--max-body`` sets the largest body read, in bytes. The settings reach each worker
through the environment ([`ENV_ON`][helhed.server.app.ENV_ON],
[`ENV_MAX_BODY`][helhed.server.app.ENV_MAX_BODY]). ``--openapi`` prints the OpenAPI
description and stops, without the extra.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import os
from collections.abc import Callable
from typing import Any, TextIO

from helhed._extras import install_line
from helhed.cli._common import fail
from helhed.server import openapi
from helhed.server._call import DEFAULT_MAX_BODY

__all__ = ["LOG_LEVELS", "add_command", "log_config", "serve_command"]

LOG_LEVELS = ("critical", "error", "warning", "info", "debug")
"""The levels ``--log-level`` takes; ``info`` logs a line per request."""

_LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


def add_command(sub: argparse._SubParsersAction[Any], date: Callable[[str], dt.date]) -> None:
    """Register ``helhed serve``."""
    srv = sub.add_parser("serve", help="answer the library's operations over HTTP")
    srv.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default %(default)s)"
    )
    srv.add_argument("--port", type=int, default=8000, help="port (default %(default)s)")
    srv.add_argument("--workers", type=int, default=1, help="processes (default %(default)s)")
    srv.add_argument(
        "--on",
        type=date,
        default=None,
        help="the day for requests that leave out on (default: today on the server's clock)",
    )
    srv.add_argument(
        "--max-body",
        type=int,
        default=DEFAULT_MAX_BODY,
        help="the largest request body read, in bytes (default %(default)s)",
    )
    srv.add_argument(
        "--log-level", choices=LOG_LEVELS, default="info", help="(default %(default)s)"
    )
    srv.add_argument(
        "--openapi", action="store_true", help="print the OpenAPI description and stop"
    )
    srv.add_argument("--indent", type=int, default=None, help="indent --openapi's JSON")
    srv.set_defaults(run=serve_command)


def log_config(level: str) -> dict[str, Any]:
    """Uvicorn's logging configuration with helhed's access log beside it, at ``level``."""
    from uvicorn.config import LOGGING_CONFIG  # noqa: PLC0415 - the extra, only when serving

    config = copy.deepcopy(LOGGING_CONFIG)
    config["formatters"]["helhed"] = {"format": _LOG_FORMAT}
    config["handlers"]["helhed"] = {
        "class": "logging.StreamHandler",
        "formatter": "helhed",
        "stream": "ext://sys.stderr",
    }
    config["loggers"]["helhed.server"] = {
        "handlers": ["helhed"],
        "level": level.upper(),
        "propagate": False,
    }
    return config


def serve_command(args: argparse.Namespace, out: TextIO) -> int:
    """Serve until stopped (Ctrl-C), or print the description with ``--openapi``."""
    if args.indent is not None and not args.openapi:
        fail("--indent is for --openapi, which prints the description")
    if args.openapi:
        json.dump(openapi(), out, ensure_ascii=False, indent=args.indent)
        out.write("\n")
        return 0
    try:
        import uvicorn  # noqa: PLC0415 - the extra, only when serving

        from helhed.server import app  # noqa: PLC0415 - refuse before starting workers
    except ModuleNotFoundError:
        fail(f"helhed serve needs the server extra: {install_line('server')}")
    os.environ[app.ENV_MAX_BODY] = str(args.max_body)
    if args.on is not None:
        os.environ[app.ENV_ON] = args.on.isoformat()
    else:
        os.environ.pop(app.ENV_ON, None)
    uvicorn.run(
        "helhed.server.app:from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        access_log=False,
        log_config=log_config(args.log_level),
        log_level=args.log_level,
        server_header=False,
    )
    return 0
