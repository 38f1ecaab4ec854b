"""replylint over HTTP: the pre-send check API and the compose page.

Needs the ``server`` extra (``pip install 'replylint[server]'``); the rest of
replylint never imports this package. The names below load lazily, so that
``replylint.server.cli`` can be imported without Starlette and say which extra
is missing instead of failing with an ImportError.
"""

__all__ = ["create_app", "ServerSettings"]


def __getattr__(name):
    if name == "create_app":
        from replylint.server.app import create_app
        return create_app
    if name == "ServerSettings":
        from replylint.server.settings import ServerSettings
        return ServerSettings
    raise AttributeError(f"module 'replylint.server' has no attribute {name!r}")
