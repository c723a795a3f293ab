"""Trigram indexes for the case list's 搜索 box on PostgreSQL (nothing on SQLite): any part of
the 案号, 案源编号, 决定书文号 and the party's name, 统一社会信用代码 and 公民身份号码."""

from django.db import migrations

from fazhi.core.ui.search_indexes import trigram_indexes


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("enforcement", "0009_hearing_grounds_and_no_penalty_reasons"),
    ]

    operations = [
        trigram_indexes(
            "enforcement",
            "case",
            [
                "number",
                "source_number",
                "decision_number",
                "party_name",
                "party_uscc",
                "party_id_number",
            ],
        ),
    ]
