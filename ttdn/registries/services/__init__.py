"""Writes of the registries, one module per entity; each function is atomic and audited."""
