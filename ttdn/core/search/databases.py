"""The two databases: which backend serves a connection, and the index tables a migration creates."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import migrations
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from ttdn.core.search.engine import Backend, table_sql
from ttdn.core.search.postgresql import PostgreSQL
from ttdn.core.search.registry import index_table
from ttdn.core.search.sqlite import SQLite


def create_index(label: str) -> migrations.RunPython:
    """The migration operation that creates (and on reversal drops) the index of model `label`."""

    def forwards(apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
        create_tables(schema_editor.connection, label)

    def backwards(apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
        drop_tables(schema_editor.connection, label)

    return migrations.RunPython(forwards, backwards)


def create_tables(connection: BaseDatabaseWrapper, label: str) -> None:
    """Create the index tables of model `label` ("documents.Document") if they are missing."""
    with connection.cursor() as cursor:
        for sql in backend_for(connection).create:
            cursor.execute(table_sql(connection, sql, index_table(label)))


def drop_tables(connection: BaseDatabaseWrapper, label: str) -> None:
    with connection.cursor() as cursor:
        for sql in backend_for(connection).drop:
            cursor.execute(table_sql(connection, sql, index_table(label)))


_BACKENDS: dict[str, Backend] = {"sqlite": SQLite(), "postgresql": PostgreSQL()}


def backend_for(connection: BaseDatabaseWrapper) -> Backend:
    try:
        return _BACKENDS[connection.vendor]
    except KeyError:
        raise ImproperlyConfigured(
            f"search supports SQLite and PostgreSQL, not {connection.vendor}"
        ) from None
