"""Plugins: one per notice, plus OCR engines. See ``hookspecs.py`` for the hooks."""

import pluggy

PROJECT = "shenbao"
ENTRY_POINT_GROUP = "shenbao"

hookimpl = pluggy.HookimplMarker(PROJECT)
