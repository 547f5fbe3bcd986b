"""The review desk: a Flask + Flask-Admin web app over the extraction core.

``create_app(test_config=None)`` builds it; ``shenbao serve`` runs it with an embedded queue
worker, ``shenbao worker`` runs queue workers alone.
"""

from __future__ import annotations

from shenbao.admin.app import create_app

__all__ = ["create_app"]
