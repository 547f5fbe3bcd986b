"""The bottom layer: types and helpers every other layer shares.

It imports nothing of the project (only the standard library and third-party packages);
``tests/test_layers.py`` enforces it. Layers, low to high: ``shenbao.core`` →
``shenbao.ingest`` → ``shenbao.plugins`` → ``shenbao.models`` → ``shenbao.admin`` →
``shenbao.cli``.
"""
