"""The demo's historical cases: their 事后公示 goes through the publication door on the day it
was made, so the public portal lists and finds them under their real dates."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.core.ledger import tracking
from fazhi.core.ledger.selectors import sealed
from fazhi.core.publication import services as publication
from fazhi.core.publication.models import PublishedItem
from fazhi.systems.enforcement import demo
from fazhi.systems.enforcement.models import Case

pytestmark = pytest.mark.django_db


@pytest.fixture
def county(monkeypatch):
    from fazhi.core.demo.generator import load
    from fazhi.systems.matters.demo import load_demo as load_matters

    county = load(run_registered=False)
    load_matters(county)
    monkeypatch.setattr(demo, "VOLUME", {"market": 80, "eco": 20})
    return county


def test_historical_decisions_are_published_on_their_own_dates(county, client):
    result = demo.load_history(county, county.rng("enforcement"))
    published = Case.objects.filter(published_on__isnull=False)
    assert result["published"] == published.count() > 10
    years = set()
    for case in published.select_related("agency"):
        item = PublishedItem.objects.get(pk=case.publication_id)
        assert item.published_on == case.published_on
        assert timezone.localtime(item.published_at).date() == case.published_on
        assert item.decided_on == case.decided_on and item.on_time == case.publication_on_time
        assert item.source_id == case.pk and item.fields["决定书文号"] == case.decision_number
        if case.is_person:
            assert case.party_name not in item.fields["执法对象"]
        entry = (
            sealed()
            .exclude(action__in=tuple(tracking.ACTIONS))
            .get(subject=publication.ledger_subject(item))
        )
        assert entry.action == "publication.imported"
        years.add(case.published_on.year)
    assert {2024, 2025} <= years
    assert PublishedItem.objects.filter(on_time=False).exists()  # some were late, as drawn

    # The portal lists them under their year and finds one by its decision number.
    case = published.filter(party_kind="organisation", published_on__year=2024).first()
    r = client.get(reverse("portal:index"), {"year": 2024, "q": case.decision_number})
    assert [i.source_id for i in r.context["page"].rows] == [case.pk]
    r = client.get(reverse("portal:index"), {"year": 2025, "q": case.decision_number})
    assert list(r.context["page"].rows) == []


def test_no_historical_case_runs_past_the_anchor(county):
    """Registrations stop LONGEST_RUN before the anchor, and no drawn case runs longer."""
    assert demo.HISTORY_END + demo.LONGEST_RUN <= demo.ANCHOR
    demo.load_history(county, county.rng("enforcement"))
    for registered, closed, published in Case.objects.values_list(
        "registered_on", "closed_on", "published_on"
    ):
        assert closed - registered <= demo.LONGEST_RUN
        assert published is None or published <= demo.ANCHOR
    latest = Case.objects.order_by("-closed_on").values_list("closed_on", flat=True).first()
    assert latest <= demo.ANCHOR
