"""Screens of the registries, one module per entity."""
