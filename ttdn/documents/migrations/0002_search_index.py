"""The search index of documents (ttdn.core.search): FTS5 tables on SQLite, tsvectors with GIN on PostgreSQL."""

from django.db import migrations

from ttdn.core.search import create_index


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [create_index("documents.Document")]
