"""shenbao (申报): turn application packets into checked, reviewable data."""

__version__ = "0.1.0"
