"""Record numbers are unique per agency from now on (the sequences of core.numbering issue
them); the records flagged by the previous migration keep their duplicated numbers."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('petitions', '0002_number_duplicates'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='petition',
            constraint=models.UniqueConstraint(condition=models.Q(models.Q(('opinion_number', ''), _negated=True), ('opinion_number_duplicate', False)), fields=('opinion_number',), name='pet_unique_opinion_number'),
        ),
    ]
