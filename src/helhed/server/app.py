"""The service over HTTP: a Starlette application that carries the operations' JSON.

Each operation of [`OPERATIONS`][helhed.server.operations.OPERATIONS] is one route. A ``POST``
body must be ``application/json`` (UTF-8, RFC 8259) of at most ``Settings.max_body`` bytes; it
is read by the library's one JSON reader (nesting, long numbers, NaN and lone surrogates
refused), then by the operation's fields. A query string is refused: every input is in the
body or the path, so none can be ignored. Answers are JSON; refusals are RFC 9457 problem
details ([`helhed.server.problems`][helhed.server.problems]), with the status of each kind of
refusal as the [service page](../service.md#refusals) lists them. A client that closes the
connection before its body is whole is logged with 400 and answered with nothing.

An exception helhed does not expect is a defect: it is answered with 500 and logged by its type
alone, as its message may hold the request's values. Every request is logged as one line on the
``helhed.server`` logger - method, the operation's path template, status, bytes in and out and
milliseconds - never a body, a query string or a path parameter.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import time
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from decimal import Decimal
from typing import Any

from helhed._extras import needs
from helhed._reading import MAX_DIGITS, loads
from helhed._validation import Checker
from helhed.errors import HelhedError, UnknownNameError, ValidationError
from helhed.serialization import read_value
from helhed.server._call import DEFAULT_MAX_BODY, Settings
from helhed.server.openapi import openapi
from helhed.server.operations import OPERATIONS, Operation, check_params, run
from helhed.server.problems import MEDIA_TYPE, TYPES, problem

with needs("helhed.server"):
    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.requests import ClientDisconnect, Request
    from starlette.responses import Response
    from starlette.routing import Route

__all__ = ["ENV_MAX_BODY", "ENV_ON", "LOGGER", "create_app", "from_environment"]

LOGGER = logging.getLogger("helhed.server")
"""The access log and the defects: one line a request, no bodies."""

ENV_ON = "HELHED_SERVE_ON"
"""The environment variable ``helhed serve --on`` sets for its workers: the pinned day."""

ENV_MAX_BODY = "HELHED_SERVE_MAX_BODY"
"""The environment variable ``helhed serve --max-body`` sets: the body limit in bytes."""

_OPERATION_KEY = "helhed.operation"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class _Refused(Exception):  # noqa: N818 - a refusal, not an error of helhed's
    """A request refused before the operation runs."""

    def __init__(self, status: int, detail: str, error: ValidationError | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.error = error


def _number(value: object) -> int | float:
    """Write a decimal number as a JSON number: whole if it is whole and short enough to read.

    A whole number of more digits than helhed's reader takes is written as a float (``1e+300``),
    so that every answer can be read back.
    """
    if isinstance(value, Decimal):
        whole = value == value.to_integral_value() and value.adjusted() < MAX_DIGITS
        return int(value) if whole else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON")  # pragma: no cover - a defect


def _json(data: object, status: int = 200, media_type: str = "application/json") -> Response:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_number)
    return Response(text.encode("utf-8"), status_code=status, media_type=media_type)


def _problem(
    status: int,
    detail: str,
    error: ValidationError | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    problems = error.problems if error is not None else ()
    response = _json(problem(status, detail, problems), status, MEDIA_TYPE)
    response.headers.update(headers or {})
    return response


def _check_media_type(header: str) -> None:
    """Refuse (415) a body not sent as JSON in UTF-8; parameters other than charset are ignored."""
    media, *parameters = (part.strip().lower() for part in header.split(";"))
    if media != "application/json" and not (
        media.startswith("application/") and media.endswith("+json")
    ):
        raise _Refused(415, "send the body as application/json")
    for parameter in parameters:
        name, _, given = parameter.partition("=")
        if name.strip() == "charset" and given.strip().strip('"') not in {"utf-8", "utf8"}:
            raise _Refused(415, "send the body as application/json in UTF-8 (RFC 8259)")


def _check_no_query(request: Request) -> None:
    """Refuse (400) a query string: an input there would otherwise be ignored."""
    if request.scope.get("query_string"):
        raise _Refused(400, "this service takes no query string; send the fields in the body")


async def _body(request: Request, limit: int) -> object:
    """The parsed JSON body, or a refusal (415, 413 or 400)."""
    _check_media_type(request.headers.get("content-type", ""))
    declared = request.headers.get("content-length", "")
    too_large = f"the body has more than {limit:,} bytes, the limit of this server"
    if declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise _Refused(413, too_large)
    data = bytearray()
    try:
        async for chunk in request.stream():
            data += chunk
            if len(data) > limit:
                raise _Refused(413, too_large)
    except ClientDisconnect:
        raise _Refused(400, "the client closed the connection before the body was whole") from None
    try:
        text = bytes(data).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        error = ValidationError.at("", f"is not UTF-8 text: byte {exc.start:,} cannot be read")
        raise _Refused(400, "JSON over HTTP is UTF-8 text (RFC 8259)", error) from None
    try:
        return loads(text)
    except ValidationError as exc:
        raise _Refused(400, "the body is not JSON helhed reads", exc) from None


def _endpoint(operation: Operation, settings: Settings) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        request.scope[_OPERATION_KEY] = operation.path
        try:
            check_params(operation, request.path_params)
        except UnknownNameError as exc:
            return _problem(404, str(exc))
        try:
            _check_no_query(request)
            body = await _body(request, settings.max_body) if operation.method == "POST" else None
            return _json(run(operation, body, request.path_params, settings))
        except _Refused as refused:
            return _problem(refused.status, refused.detail, refused.error)
        except ValidationError as exc:
            return _problem(422, "the request is not what the operation takes", exc)
        except HelhedError as exc:
            return _problem(422, str(exc))
        except Exception as exc:  # noqa: BLE001 - a defect is answered, not raised
            LOGGER.error("defect in %s: %s", operation.id, type(exc).__name__)  # noqa: TRY400 - no traceback: it may hold values
            return _problem(500, "helhed failed on this request; the log names the error's type")

    return endpoint


async def _http_error(_: Request, exc: Exception) -> Response:
    """Starlette's own refusals (no such path, a method not taken) as problem details."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    headers = exc.headers if isinstance(exc, HTTPException) else None
    status = status if status in TYPES else 400
    details = {404: "no operation has this path", 405: "this path does not take this method"}
    return _problem(status, details.get(status, TYPES[status][1]), headers=headers)


class _AccessLog:
    """One log line per request: method, path template, status, bytes in and out, ms."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 0
        received = sent = 0

        async def receiving() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            return message

        async def sending(message: Message) -> None:
            nonlocal status, sent
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                sent += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receiving, sending)
        finally:
            LOGGER.info(
                "%s %s %d in=%d out=%d %.1fms",
                scope.get("method", "-"),
                scope.get(_OPERATION_KEY, "-"),
                status,
                received,
                sent,
                (time.perf_counter() - start) * 1000,
            )


def create_app(settings: Settings | None = None) -> Starlette:
    """The service as an ASGI application, for uvicorn or any ASGI server.

    Args:
        settings: The day to answer for where a request leaves out ``on``, and the body limit;
            default: today's date on the server's clock, and ``DEFAULT_MAX_BODY``.

    Raises:
        ValidationError: If ``settings`` is not Settings.
    """
    check = Checker()
    check.expect(settings is None or isinstance(settings, Settings), "settings", "must be Settings")
    check.done()
    chosen = Settings() if settings is None else settings
    described = json.dumps(openapi(), ensure_ascii=False).encode("utf-8")

    async def description(request: Request) -> Response:
        request.scope[_OPERATION_KEY] = "/openapi.json"
        return Response(described, media_type="application/json")

    routes = [Route(op.path, _endpoint(op, chosen), methods=[op.method]) for op in OPERATIONS]
    routes.append(Route("/openapi.json", description, methods=["GET"]))
    app = Starlette(routes=routes, exception_handlers={HTTPException: _http_error})
    app.router.redirect_slashes = False  # a redirect would name the host the client gave
    app.add_middleware(_AccessLog)
    return app


def from_environment() -> Starlette:
    """The service with the settings ``helhed serve`` passes its workers in the environment.

    Raises:
        ValidationError: If a setting in the environment is not well formed.
    """
    on_text = os.environ.get(ENV_ON)
    limit_text = os.environ.get(ENV_MAX_BODY)
    on = None if not on_text else read_value(on_text, dt.date, path=ENV_ON)
    if limit_text is not None and not (limit_text.isascii() and limit_text.isdigit()):
        raise ValidationError.at(ENV_MAX_BODY, "must be a whole number of bytes")
    limit = DEFAULT_MAX_BODY if limit_text is None else int(limit_text)
    try:
        settings = Settings(on=on, max_body=limit)
    except ValidationError as exc:
        raise exc.under(ENV_MAX_BODY) if limit_text is not None else exc from None
    return create_app(settings)
