"""replylint over HTTP: the pre-send check API and the compose page.

Needs the ``server`` extra (``pip install 'replylint[server]'``); the rest of
replylint never imports this package.
"""
from replylint.server.app import create_app
from replylint.server.settings import ServerSettings

__all__ = ["create_app", "ServerSettings"]
