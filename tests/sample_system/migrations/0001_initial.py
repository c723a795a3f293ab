import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = [("orgs", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="Permit",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False)),
                ("applicant", models.CharField(max_length=100, verbose_name="申请人")),
                ("state", models.CharField(default="registered", max_length=16, verbose_name="状态")),
                ("decided_on", models.DateField(blank=True, null=True, verbose_name="决定日")),
                ("reason", models.TextField(blank=True, verbose_name="理由")),
                (
                    "agency",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="orgs.agency",
                    ),
                ),
            ],
            options={"verbose_name": "示例许可申请"},
        ),
    ]
