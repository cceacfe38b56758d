"""TTĐN: external information work of Vietnamese education authorities."""
