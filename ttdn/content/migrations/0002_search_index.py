"""The search index of articles (ttdn.core.search): FTS5 tables on SQLite, tsvectors with GIN on PostgreSQL."""

from django.db import migrations

from ttdn.core.search import create_index


class Migration(migrations.Migration):
    dependencies = [("content", "0001_initial")]
    operations = [create_index("content.Article")]
