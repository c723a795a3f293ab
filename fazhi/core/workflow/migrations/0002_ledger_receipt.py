"""The ledger hands out receipts (the queued leaf's id) at write time; sequence numbers are
given after commit by the sequencer. The column keeps its values: for entries written before
the change the receipt equals the sequence number (ledger migration 0002)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("workflow", "0001_initial"), ("ledger", "0002_leaves_and_head")]

    operations = [
        migrations.RenameField("transitionlog", "ledger_seq", "ledger_leaf"),
        migrations.AlterField(
            "transitionlog",
            "ledger_leaf",
            models.BigIntegerField(verbose_name="存证回执号"),
        ),
    ]
