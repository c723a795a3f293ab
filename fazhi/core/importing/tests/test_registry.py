"""Every system's importers are registered, and each one's template carries its headers."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from fazhi.core import importing
from fazhi.core.importing.run import example_values
from fazhi.core.importing.template import template_bytes

DECLARED = {
    "orgs.agencies",
    "orgs.units",
    "orgs.staff",
    "officers.certificates",
    "officers.training",
    "matters.matters",
    "matters.benchmarks",
    "matters.lenient",
    "disclosure.requests",
    "disputes.litigation",
    "petitions.register",
    "proposals.register",
}


def test_every_importer_is_registered():
    assert {i.name for i in importing.importers()} >= DECLARED


@pytest.mark.parametrize("name", sorted(DECLARED))
def test_each_template_has_the_importers_headers_and_example(name):
    importer = importing.get(name)
    assert importer is not None
    ws = load_workbook(io.BytesIO(template_bytes(importer)))[importer.title]
    assert [str(c.value).rstrip("*") for c in ws[1]] == importer.headers
    example = example_values(importer)
    assert {
        c.key: str(v.value) for c, v in zip(importer.columns, ws[2], strict=True) if v.value
    } == example
    assert ws.freeze_panes == "A2"


def test_a_second_importer_under_a_taken_name_is_refused():
    taken = importing.get("proposals.register")
    assert taken is not None
    clone = importing.Importer(
        name=taken.name, label="别的", columns=taken.columns, row_service=lambda actor, **v: None
    )
    with pytest.raises(ValueError):
        importing.register(clone)
