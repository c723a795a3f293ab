"""Record numbers are unique per agency from now on (the sequences of core.numbering issue
them); the records flagged by the previous migration keep their duplicated numbers."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('enforcement', '0005_number_duplicates'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='case',
            constraint=models.UniqueConstraint(condition=models.Q(models.Q(('number', ''), _negated=True), ('number_duplicate', False)), fields=('agency', 'number'), name='penalty_unique_number'),
        ),
        migrations.AddConstraint(
            model_name='case',
            constraint=models.UniqueConstraint(condition=models.Q(models.Q(('decision_number', ''), _negated=True), ('decision_number_duplicate', False)), fields=('agency', 'decision_number'), name='penalty_unique_decision_number'),
        ),
    ]
