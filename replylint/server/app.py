"""The application factory: wires settings, the shared linters, routes and middleware.

Layers, outermost first: the guard (access log, 500s without leaks, security
headers), CORS when origins are configured, the body limit, then the routes. CORS
sits outside the body limit so a browser can read a 413 from an allowed origin.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import FileResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from replylint._version import __version__
from replylint.server import api
from replylint.server.bodylimit import BodyLimitMiddleware
from replylint.server.errors import RequestError, error_response
from replylint.server.guard import GuardMiddleware
from replylint.server.linters import Linters
from replylint.server.openapi import OPENAPI_PATH, openapi_document
from replylint.server.settings import ServerSettings

STATIC = Path(__file__).parent / "static"


@dataclass
class ServerState:
    settings: ServerSettings
    linters: Linters
    openapi: dict


async def compose_page(request):
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")


async def _request_error(request, exc: RequestError):
    return exc.to_response()


async def _http_error(request, exc: HTTPException):
    # Starlette's own 404/405 as the API's JSON error shape.
    messages = {404: "no such endpoint", 405: "method not allowed on this endpoint"}
    return error_response(exc.status_code, messages.get(exc.status_code, exc.detail),
                          headers=getattr(exc, "headers", None))


def create_app(settings: Optional[ServerSettings] = None, linters: Optional[Linters] = None) -> Starlette:
    """Build the app; the linters are built here, once, unless given."""
    settings = settings or ServerSettings()
    linters = linters or Linters(settings.config_path)
    routes = [
        # First: the router tries routes in order, and nearly every request is a check.
        Route("/v1/check", api.check, methods=["POST"]),
        Route("/", compose_page, methods=["GET"]),
        Route("/healthz", api.healthz, methods=["GET"]),
        Route(OPENAPI_PATH, api.openapi, methods=["GET"]),
        Route("/v1/check/batch", api.check_batch, methods=["POST"]),
        Route("/v1/fix", api.fix, methods=["POST"]),
        Route("/v1/rules", api.rules, methods=["GET"]),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]
    known_paths = {route.path for route in routes if isinstance(route, Route)}
    middleware = [Middleware(GuardMiddleware, known_paths=known_paths)]
    if settings.cors_origins:
        middleware.append(Middleware(
            CORSMiddleware, allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"], allow_headers=["content-type"], max_age=600))
    middleware.append(Middleware(BodyLimitMiddleware, max_body=settings.max_body))
    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={RequestError: _request_error, HTTPException: _http_error},
    )
    app.state.server = ServerState(settings=settings, linters=linters,
                                   openapi=openapi_document(__version__))
    return app


def create_app_from_env() -> Starlette:
    """The factory uvicorn imports in each worker process when ``--workers`` > 1."""
    return create_app(ServerSettings.from_env())
