"""Screens of the documents app: the legal library (library.py) and the outgoing register
with its compose screen (register.py)."""
