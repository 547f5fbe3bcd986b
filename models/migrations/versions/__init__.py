"""One module per schema revision; ``shenbao db migrate -m "..."`` writes a new one."""
