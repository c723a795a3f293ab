"""Record numbers are unique per agency from now on (the sequences of core.numbering issue
them); the records flagged by the previous migration keep their duplicated numbers."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('disclosure', '0003_number_duplicates'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='disclosurerequest',
            constraint=models.UniqueConstraint(condition=models.Q(models.Q(('letter_number', ''), _negated=True), ('letter_number_duplicate', False)), fields=('agency', 'letter_number'), name='disc_unique_letter_number'),
        ),
    ]
