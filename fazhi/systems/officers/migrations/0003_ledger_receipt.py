"""The ledger hands out receipts (the queued leaf's id) at write time; sequence numbers are
given after commit by the sequencer. The column keeps its values: for entries written before
the change the receipt equals the sequence number (ledger migration 0002)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("officers", "0002_certificate_workflow_states"),
        ("ledger", "0002_leaves_and_head"),
    ]

    operations = [
        migrations.RenameField("certificateevent", "ledger_seq", "ledger_leaf"),
        migrations.AlterField(
            "certificateevent",
            "ledger_leaf",
            models.BigIntegerField(blank=True, null=True, verbose_name="存证回执号"),
        ),
    ]
