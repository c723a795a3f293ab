"""Trigram indexes for the 搜索 box (PostgreSQL only), created from a system's migration.

``icontains`` on PostgreSQL is ``UPPER(col::text) LIKE UPPER('%…%')``: a B-tree cannot serve a
pattern with a leading wildcard, a pg_trgm GIN index on the same expression can. The search ORs
its fields, and the planner combines the indexes (a BitmapOr) only when every field has one, so a
list indexes every field it searches::

    operations = [trigram_indexes("enforcement", "case", ["number", "party_name"])]

with ``atomic = False`` on the migration (the indexes are built ``CONCURRENTLY``, so that an
upgrade does not block writers of a big table). On SQLite the operation does nothing: the search
scans the table there, which is acceptable at the sizes SQLite serves.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import migrations


def index_name(table: str, column: str) -> str:
    return f"{table}_{column}_trgm"[:63]


def trigram_indexes(app_label: str, model_name: str, fields: Sequence[str]) -> migrations.RunPython:
    def forwards(apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        model = apps.get_model(app_label, model_name)
        table = model._meta.db_table
        qn = schema_editor.quote_name
        with schema_editor.connection.cursor() as cur:
            cur.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            for field in fields:
                column = model._meta.get_field(field).column
                cur.execute(
                    f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {qn(index_name(table, column))} "
                    f"ON {qn(table)} USING gin ((UPPER({qn(column)}::text)) gin_trgm_ops)"
                )

    def backwards(apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        model = apps.get_model(app_label, model_name)
        table = model._meta.db_table
        with schema_editor.connection.cursor() as cur:
            for field in fields:
                column = model._meta.get_field(field).column
                cur.execute(
                    "DROP INDEX CONCURRENTLY IF EXISTS "
                    f"{schema_editor.quote_name(index_name(table, column))}"
                )

    return migrations.RunPython(forwards, backwards, elidable=False)
