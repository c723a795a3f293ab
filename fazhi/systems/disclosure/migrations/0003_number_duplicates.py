"""Flag the records whose number was issued twice before numbers came from a sequence."""

from django.conf import settings
from django.db import migrations, models

from fazhi.core.numbering.legacy import flag_duplicates


def flag(apps, schema_editor):
    """Keep every number already issued; flag the later records of a number issued twice, which
    the unique constraint of the next migration leaves out (renumbering would contradict the
    documents already served)."""
    model = apps.get_model("disclosure", "DisclosureRequest")
    flag_duplicates(model, "letter_number", "letter_number_duplicate", ('agency',))


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('disclosure', '0002_act_link'),
        ('ledger', '0001_initial'),
        ('orgs', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='disclosurerequest',
            name='letter_number_duplicate',
            field=models.BooleanField(default=False, editable=False, verbose_name='答复书文号历史重号'),
        ),
        migrations.RunPython(flag, migrations.RunPython.noop),
    ]
