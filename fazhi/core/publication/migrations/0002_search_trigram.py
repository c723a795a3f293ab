"""On PostgreSQL, a trigram GIN index makes the portal's substring search (LIKE '%词%', which
a B-tree cannot serve) an index scan. SQLite has no such index; there the search scans the
denormalised column, newest first, and stops at the page size.

pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it. If it cannot
be created, the migration leaves the index out rather than fail the deployment.
"""

from django.db import migrations, transaction
from django.db.utils import DatabaseError

INDEX = "publication_search_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {INDEX} ON publication_publisheditem "
                "USING gin (search_text gin_trgm_ops)"
            )
    except DatabaseError:
        pass


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("publication", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
