"""Dates, amounts and instrument titles as the documents write them, and the readers of a
step's posted values."""

from __future__ import annotations

import copy
import pickle
from datetime import date
from decimal import Decimal

import pytest

from fazhi.kernel import instruments
from fazhi.kernel.formatting import BLANK_DATE, money, yuan, zh_date
from fazhi.kernel.values import as_date, as_decimal, as_int, as_text


def test_a_chinese_date_has_no_leading_zeros_and_a_blank_form_for_none():
    assert zh_date(date(2026, 1, 5)) == "2026年1月5日"
    assert zh_date(None) == ""
    assert zh_date(None, BLANK_DATE) == "____年__月__日"


def test_amounts_in_yuan_are_thousands_separated():
    assert yuan(Decimal("1234567.5")) == "1,234,567.50元"
    assert yuan(None) == ""
    assert money(Decimal("50000")) == "50,000"
    assert money(Decimal("1234.5")) == "1,234.50"
    assert money(None) == "—"


def test_gbf118_is_cited_by_its_full_title_and_its_number():
    """国办发〔2018〕118号: the full title of the guideline, with its number as the short name."""
    full = (
        "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的"
        "指导意见》（国办发〔2018〕118号）"
    )
    assert str(instruments.GBF118) == full
    assert f"{instruments.GBF118}四（十三）" == f"{full}四（十三）"
    assert instruments.GBF118.short == "国办发〔2018〕118号"


@pytest.mark.parametrize(
    "copier", [copy.copy, copy.deepcopy, lambda x: pickle.loads(pickle.dumps(x))]
)
def test_an_instrument_keeps_its_short_name_when_copied(copier):
    copied = copier(instruments.XZCF)
    assert copied == "《中华人民共和国行政处罚法》"
    assert copied.short == "行政处罚法"


def test_posted_values_are_read_from_strings_or_cleaned_values():
    assert as_date("2026-01-05") == as_date(date(2026, 1, 5)) == date(2026, 1, 5)
    assert as_date("") is None and as_date(None) is None
    assert as_decimal("200.50") == Decimal("200.50") and as_decimal("") is None
    assert as_int("30") == 30 and as_int(None) is None
    assert as_text("  理由 ") == "理由" and as_text(None) == ""
