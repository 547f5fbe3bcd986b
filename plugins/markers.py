"""The pluggy markers of the ``shenbao`` project, in a module of their own so that every
plugin module can import them without importing the manager."""

from __future__ import annotations

import pluggy

PROJECT = "shenbao"
ENTRY_POINT_GROUP = "shenbao"

hookimpl = pluggy.HookimplMarker(PROJECT)
hookspec = pluggy.HookspecMarker(PROJECT)
