"""The stepper of a record page: the workflow's declared main path with each state done,
skipped, current or upcoming, and a state off the path shown where the record left the path.

Drawn on a platform model (a Deadline row, its ``status`` as the state) so that no system app is
needed; the record's history is passed in as the states it has been in."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from fazhi.core.deadlines.models import Deadline
from fazhi.core.workflow import engine
from fazhi.core.workflow.stepper import stages

STATES = {
    "new": "待登记",
    "open": "办理中",
    "heard": "听证",
    "decided": "已决定",
    "closed": "已结案",
    "paused": "中止",
    "refused": "不予受理",
}


@pytest.fixture
def workflow():
    T = engine.Transition
    wf = engine.Workflow(
        "steppertest",
        "步骤条测试",
        model=Deadline,
        state_field="status",
        states=STATES,
        initial="new",
        agency_of=lambda d: d.agency_id,
        transitions=[
            T("open", "受理", ("new",), "open"),
            T("refuse", "不予受理", ("new",), "refused"),
            T("hear", "听证", ("open",), "heard"),
            T("pause", "中止", ("open",), "paused"),
            T("resume", "恢复", ("paused",), "open"),
            T("decide", "决定", ("open", "heard"), "decided"),
            T("close", "结案", ("decided",), "closed"),
        ],
        path=("new", "open", "heard", "decided", "closed"),
    )
    yield wf
    engine.REGISTRY.pop("steppertest", None)


def _draw(workflow, state: str, visited: set[str]) -> list[tuple[str, str]]:
    return [(s.label, s.status) for s in stages(workflow, SimpleNamespace(status=state), visited)]


def test_path_states_before_the_current_one_are_done_or_skipped(workflow):
    assert _draw(workflow, "decided", {"new", "open"}) == [
        ("待登记", "done"),
        ("办理中", "done"),
        ("听证", "skipped"),  # no hearing was held: the stepper does not claim one
        ("已决定", "current"),
        ("已结案", "upcoming"),
    ]


def test_a_record_that_joined_the_path_late_does_not_list_the_states_before_it(workflow):
    assert _draw(workflow, "decided", {"new", "decided"}) == [
        ("待登记", "done"),
        ("办理中", "skipped"),
        ("听证", "skipped"),
        ("已决定", "current"),
        ("已结案", "upcoming"),
    ]
    # e.g. a 当场处罚 entered straight at its decision: nothing before it
    assert _draw(workflow, "decided", {"draft", "decided"}) == [
        ("已决定", "current"),
        ("已结案", "upcoming"),
    ]


def test_a_record_without_history_counts_earlier_states_as_done(workflow):
    assert [s for _, s in _draw(workflow, "heard", set())] == [
        "done",
        "done",
        "current",
        "upcoming",
        "upcoming",
    ]


def test_an_off_path_state_stands_after_the_state_it_was_left_from(workflow):
    assert _draw(workflow, "paused", {"new", "open"}) == [
        ("待登记", "done"),
        ("办理中", "done"),
        ("中止", "off"),
        ("听证", "upcoming"),
        ("已决定", "upcoming"),
        ("已结案", "upcoming"),
    ]


def test_a_state_that_ends_the_procedure_has_nothing_after_it(workflow):
    assert _draw(workflow, "refused", {"new"}) == [("待登记", "done"), ("不予受理", "off")]


def test_the_path_defaults_to_the_declared_states_and_must_name_known_states(workflow):
    plain = engine.Workflow(
        "steppertest2",
        "步骤条测试",
        model=Deadline,
        state_field="status",
        states={"a": "甲", "b": "乙"},
        initial="a",
        agency_of=lambda d: d.agency_id,
        transitions=[engine.Transition("go", "走", ("a",), "b")],
    )
    assert plain.path == ("a", "b")
    engine.REGISTRY.pop("steppertest2", None)
    with pytest.raises(ValueError, match="unknown states"):
        engine.Workflow(
            "steppertest3",
            "步骤条测试",
            model=Deadline,
            state_field="status",
            states={"a": "甲"},
            initial="a",
            agency_of=lambda d: d.agency_id,
            transitions=[],
            path=("a", "z"),
        )
