"""``shenbao serve``: the review desk on waitress, a production WSGI server in pure Python
that runs the same on Linux and on a Windows bureau PC. ``--debug`` runs Werkzeug's
development server with its reloader instead (never for a bureau).
"""

from __future__ import annotations

import os
import sys

import waitress
from flask import Flask

from shenbao.admin.queue import start_embedded_worker

RELOADER_CHILD = "WERKZEUG_RUN_MAIN"  # set by Werkzeug in the process that serves


def serve(app: Flask, host: str, port: int, threads: int, worker: bool, debug: bool) -> None:
    if debug:
        serve_debug(app, host, port, worker)
        return
    if worker:
        start_embedded_worker(app)
    announce(app, host, port, "waitress")
    waitress.serve(
        app,
        host=host,
        port=port,
        threads=threads,
        ident="shenbao",
        # with SHENBAO_PROXY_HOPS the app's ProxyFix reads X-Forwarded-*; else waitress drops them
        clear_untrusted_proxy_headers=not app.config.get("PROXY_HOPS"),
    )


def serve_debug(app: Flask, host: str, port: int, worker: bool) -> None:
    """Werkzeug's server with the reloader: the queue worker runs in the serving child only."""
    serving_child = os.environ.get(RELOADER_CHILD) == "true"
    if worker and serving_child:
        start_embedded_worker(app)
    if not serving_child:
        announce(app, host, port, "Werkzeug debug server with reloader, not for production")
    app.run(host=host, port=port, threaded=True, use_reloader=True, debug=True)


def announce(app: Flask, host: str, port: int, server: str) -> None:
    shown = f"[{host}]" if ":" in host else host
    print(
        f"shenbao: serving on http://{shown}:{port}/ ({server}; home {app.config['SHENBAO_HOME']})",
        file=sys.stderr,
        flush=True,
    )
