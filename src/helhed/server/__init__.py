"""helhed as an HTTP service with an OpenAPI 3.1 description (the ``server`` extra).

``helhed serve`` runs it under uvicorn. Its operations mirror the library, one call each
([`OPERATIONS`][helhed.server.operations.OPERATIONS]); requests and answers are helhed's own
documents; errors are RFC 9457 problem details. See the [service page](../service.md).

The operations, the description and the problem details need nothing beyond helhed; only
[`helhed.server.app`][helhed.server.app], which carries them over HTTP, needs Starlette.
"""

from __future__ import annotations

from helhed.server._call import Settings
from helhed.server.openapi import openapi
from helhed.server.operations import OPERATION, OPERATIONS, Operation, run

__all__ = ["OPERATION", "OPERATIONS", "Operation", "Settings", "openapi", "run"]
