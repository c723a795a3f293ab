"""Every generation of a 文书 is a version: number the rows written before versions existed by
their order of generation within their case and kind, then hold (case, kind, version) unique."""

from django.conf import settings
from django.db import migrations, models


def number_existing(apps, schema_editor):
    CaseDocument = apps.get_model("enforcement", "CaseDocument")
    db = schema_editor.connection.alias
    last: tuple = ()
    version = 0
    changed = []
    rows = (
        CaseDocument.objects.using(db)
        .order_by("case_id", "kind", "generated_at", "id")
        .only("id", "case_id", "kind", "version")
    )
    for doc in rows.iterator(chunk_size=2000):
        key = (doc.case_id, doc.kind)
        version = version + 1 if key == last else 1
        last = key
        if doc.version != version:
            doc.version = version
            changed.append(doc)
        if len(changed) >= 2000:
            CaseDocument.objects.using(db).bulk_update(changed, ["version"])
            changed = []
    if changed:
        CaseDocument.objects.using(db).bulk_update(changed, ["version"])


class Migration(migrations.Migration):
    dependencies = [
        ("enforcement", "0006_unique_numbers"),
        ("ledger", "0002_leaves_and_head"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="casedocument",
            name="version",
            field=models.PositiveIntegerField(default=1, verbose_name="版本"),
        ),
        migrations.RunPython(number_existing, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="casedocument",
            constraint=models.UniqueConstraint(
                fields=("case", "kind", "version"), name="enforcement_document_version_unique"
            ),
        ),
    ]
