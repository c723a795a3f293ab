"""Queued leaves, the head row, each entry's receipt, and payloads kept as canonical text.

Entries written before this change keep their sequence numbers and get them as receipts too
(so history rows that stored the sequence number still find their entry), and the leaf id
sequence starts after them so receipts never collide.
"""

from django.db import migrations, models


def canonical_bodies(apps, schema_editor):
    """Each entry's payload as the exact canonical JSON its digest covers."""
    from fazhi.kernel.ledger import canonical_json

    LedgerEntry = apps.get_model("ledger", "LedgerEntry")
    last = 0
    while True:
        chunk = list(LedgerEntry.objects.filter(seq__gt=last).order_by("seq")[:5000])
        if not chunk:
            return
        for entry in chunk:
            entry.body = canonical_json(entry.payload).decode("utf-8")
        LedgerEntry.objects.bulk_update(chunk, ["body"], batch_size=1000)
        last = chunk[-1].seq


def receipts_for_existing_entries(apps, schema_editor):
    LedgerEntry = apps.get_model("ledger", "LedgerEntry")
    LedgerHead = apps.get_model("ledger", "LedgerHead")
    LedgerEntry.objects.update(leaf=models.F("seq"))
    last = LedgerEntry.objects.order_by("-seq").first()
    LedgerHead.objects.create(
        pk=1, seq=last.seq if last else 0, digest=last.digest if last else "0" * 64
    )
    if last is None:
        return
    table = apps.get_model("ledger", "LedgerLeaf")._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), %s)", [last.seq]
            )
        elif schema_editor.connection.vendor == "sqlite":
            cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
            cursor.execute(
                "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, last.seq]
            )
        else:
            raise NotImplementedError(schema_editor.connection.vendor)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="LedgerHead",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("seq", models.BigIntegerField(default=0, verbose_name="序号")),
                ("digest", models.CharField(max_length=64, verbose_name="摘要")),
            ],
            options={"verbose_name": "账本链头", "verbose_name_plural": "账本链头"},
        ),
        migrations.CreateModel(
            name="LedgerLeaf",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("subject", models.CharField(max_length=128, verbose_name="对象")),
                ("actor", models.CharField(max_length=150, verbose_name="操作人")),
                ("action", models.CharField(max_length=96, verbose_name="动作")),
                ("time", models.CharField(max_length=40, verbose_name="时间")),
                ("body", models.TextField(verbose_name="内容（规范 JSON）")),
                ("payload_digest", models.CharField(max_length=64, verbose_name="内容摘要")),
            ],
            options={"verbose_name": "待封存存证", "verbose_name_plural": "待封存存证"},
        ),
        migrations.AddField(
            model_name="ledgerentry",
            name="leaf",
            field=models.BigIntegerField(null=True, unique=True, verbose_name="存证回执号"),
        ),
        migrations.RunPython(receipts_for_existing_entries, migrations.RunPython.noop),
        migrations.AddField(
            model_name="ledgerentry",
            name="body",
            field=models.TextField(default="", verbose_name="内容（规范 JSON）"),
            preserve_default=False,
        ),
        migrations.RunPython(canonical_bodies, migrations.RunPython.noop),
        migrations.RemoveField(model_name="ledgerentry", name="payload"),
    ]
