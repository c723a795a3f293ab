"""Flag the records whose number was issued twice before numbers came from a sequence."""

from django.conf import settings
from django.db import migrations, models

from fazhi.core.numbering.legacy import flag_duplicates


def flag(apps, schema_editor):
    """Keep every number already issued; flag the later records of a number issued twice, which
    the unique constraint of the next migration leaves out (renumbering would contradict the
    documents already served)."""
    model = apps.get_model("enforcement", "Case")
    flag_duplicates(model, "number", "number_duplicate", ('agency',))
    flag_duplicates(model, "decision_number", "decision_number_duplicate", ('agency',))


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_proposal_staff_role'),
        ('enforcement', '0004_alter_casedocument_kind'),
        ('matters', '0001_initial'),
        ('orgs', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='decision_number_duplicate',
            field=models.BooleanField(default=False, editable=False, verbose_name='决定书文号历史重号'),
        ),
        migrations.AddField(
            model_name='case',
            name='number_duplicate',
            field=models.BooleanField(default=False, editable=False, verbose_name='案号历史重号'),
        ),
        migrations.RunPython(flag, migrations.RunPython.noop),
    ]
