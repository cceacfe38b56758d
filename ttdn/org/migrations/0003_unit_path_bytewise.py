from django.db import migrations

from ttdn.core.lookups import bytewise_paths


class Migration(migrations.Migration):
    """Unit paths compare byte by byte on PostgreSQL too, so that `path__under` is an index
    range (core/lookups.py)."""

    dependencies = [("org", "0002_unit_slug_not_reserved")]

    operations = [bytewise_paths("org_unit")]
