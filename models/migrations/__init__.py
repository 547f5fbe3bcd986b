"""Alembic revisions of the database schema, run through Flask-Migrate (see ``models/schema.py``).

``env.py`` is Alembic's entry point, ``versions/`` holds one module per revision. A package
so that the revisions ship inside the installed ``shenbao`` (``pip install .``).
"""
