"""Move the cases' existing 办案期限 clocks onto their sector's catalogue rule (sectors.py).

Until now every case's clock was ``penalty.decision`` carrying the 市场监管 extension and
suspensions. ``penalty.decision`` is now 第六十条 alone (no extension). So that no recorded date
moves without a person deciding it:

- a clock of a 市场监管 case moves to ``penalty.decision.scjg`` (the same 90 + 30 days);
- a clock of another sector that was extended keeps the rule it was extended under, now
  ``penalty.decision.scjg`` (its extension cannot be computed under 第六十条): the agency reviews
  it;
- any other clock stays on ``penalty.decision`` (the same 90 days; recorded suspensions stay).

A 公安 治安 case opened before this change keeps its 90-day clock: shortening a running period to
30 days is for the agency to decide, not a migration.
"""

from django.db import migrations

OLD, SCJG = "penalty.decision", "penalty.decision.scjg"


def move(apps, schema_editor):
    Case = apps.get_model("enforcement", "Case")
    Matter = apps.get_model("matters", "Matter")
    Deadline = apps.get_model("deadlines", "Deadline")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ct = ContentType.objects.filter(app_label="enforcement", model="case").first()
    if ct is None:
        return
    rows = Deadline.objects.filter(subject_type=ct, rule_id=OLD)
    if not rows.exists():
        return
    field_of = dict(Matter.objects.filter(kind="penalty").values_list("id", "field"))
    by_agency: dict[int, set[str]] = {}
    for agency_id, field in Matter.objects.filter(kind="penalty").values_list("agency_id", "field"):
        by_agency.setdefault(agency_id, set()).add(field)
    cases = dict(Case.objects.values_list("id", "matter_id"))
    agencies = dict(Case.objects.values_list("id", "agency_id"))
    to_scjg = []
    for d in rows.only("id", "subject_id", "extended"):
        matter_id = cases.get(int(d.subject_id))
        if matter_id:
            sector = field_of.get(matter_id, "")
        else:
            fields = by_agency.get(agencies.get(int(d.subject_id)), set())
            sector = next(iter(fields)) if len(fields) == 1 else ""
        if sector == "市场监管" or d.extended:
            to_scjg.append(d.id)
    Deadline.objects.filter(id__in=to_scjg).update(rule_id=SCJG)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("deadlines", "0004_partial_extension"),
        ("enforcement", "0011_decision_notice_on"),
        ("matters", "0001_initial"),
    ]

    operations = [migrations.RunPython(move, migrations.RunPython.noop, elidable=True)]
