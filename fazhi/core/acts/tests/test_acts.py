"""The platform's act links: reading a typed reference, and the registry of channels."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.acts.registry import channels, matters_about
from fazhi.core.acts.resolve import resolve_act
from fazhi.core.orgs.models import Agency
from tests import factories


@pytest.fixture
def agencies(db):
    return factories.agency("示范县市场监督管理局"), factories.agency("示范县交通运输局")


def test_a_reference_resolves_to_a_record_the_user_may_see(agencies):
    mine, _ = agencies
    user = factories.user("guanlian", ("officer", mine))
    assert resolve_act(f"orgs.agency:{mine.pk}", user) == mine
    assert resolve_act("  ", user) is None


def test_a_malformed_reference_is_refused_in_chinese_with_the_format(agencies):
    user = factories.user("guanlian", ("officer", agencies[0]))
    with pytest.raises(ValidationError) as err:
        resolve_act("第12号处罚决定", user)
    assert "格式：应用.模型:编号" in err.value.messages[0]


def test_a_record_of_another_agency_reads_as_not_found(agencies):
    """Whether a record the user may not see exists is not revealed."""
    mine, theirs = agencies
    user = factories.user("guanlian", ("officer", mine))
    case = _reconsideration(theirs)
    with pytest.raises(ValidationError) as hidden:
        resolve_act(f"disputes.reconsiderationcase:{case.pk}", user)
    with pytest.raises(ValidationError) as missing:
        resolve_act("disputes.reconsiderationcase:999999", user)
    assert hidden.value.messages == [
        m.replace("999999", str(case.pk)) for m in missing.value.messages
    ]


def test_the_dispute_channels_are_registered_with_what_counts_as_corrected():
    by_key = {c.key: c for c in channels()}
    assert {"reconsideration", "respondence", "litigation"} <= set(by_key)
    assert by_key["reconsideration"].label == "行政复议"
    assert by_key["litigation"].corrected is not None


def test_matters_about_an_act_come_from_every_channel(agencies):
    _, theirs = agencies
    act = Agency.objects.get(pk=agencies[0].pk)  # any record may be the act
    case = _reconsideration(theirs, act=act)
    found = matters_about(act)
    assert set(found) >= {"reconsideration", "litigation"}
    assert list(found["reconsideration"]) == [case]
    assert not found["litigation"].exists()


def _reconsideration(office, **kw):
    from datetime import date

    from fazhi.systems.disputes import services

    justice = factories.agency("示范县司法局", kind="justice", supervisor=True)
    staff = factories.user(f"fy{office.pk}", ("litigation_staff", justice))
    values = {
        "office": justice,
        "actor": staff,
        "applicant_name": "钱七",
        "respondent": office,
        "act_description": "示交罚〔2025〕3号行政处罚决定",
        "category": "penalty",
        "known_on": date(2025, 9, 1),
        "received_on": date(2025, 9, 25),
    }
    values.update(kw)
    return services.register_reconsideration(**values)
