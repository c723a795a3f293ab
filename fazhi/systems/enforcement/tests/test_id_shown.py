"""第五十五条: showing the certificate is affirmed, never assumed, for evidence taken from people."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.workflow.engine import Refused
from fazhi.systems.enforcement import services

from .conftest import counts

pytestmark = pytest.mark.django_db


def test_a_record_without_the_certificate_affirmed_is_refused_article_55(flow, world):
    case = flow.opened()
    before = counts()
    with pytest.raises(Refused) as refused:
        services.add_evidence(
            case,
            actor=world.officer,
            kind="record",
            title="询问笔录",
            collected_on=date(2025, 3, 5),
        )
    assert any("第五十五条" in m for m in refused.value.messages)
    assert counts() == before and not case.evidence.exists()
    services.add_evidence(
        case,
        actor=world.officer,
        kind="record",
        title="询问笔录",
        collected_on=date(2025, 3, 5),
        id_shown=True,
    )
    assert case.evidence.get().id_shown is True


def test_a_document_received_needs_no_certificate_shown_article_55(flow, world):
    case = flow.opened()
    ev = services.add_evidence(
        case,
        actor=world.officer,
        kind="document",
        title="营业执照复印件",
        collected_on=date(2025, 3, 5),
    )
    assert ev.id_shown is False
