"""The sample system's whole declaration: a workflow, two steps, a page, a nav entry."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from rest_framework import serializers

from fazhi.core.importing import Column, Importer
from fazhi.core.orgs.models import Agency
from fazhi.core.system import System
from fazhi.core.ui.nav import NavItem
from fazhi.core.workflow.engine import Guard, Transition, Workflow, perform
from fazhi.core.workflow.steps import Step, StepSet

from .models import Permit

WORKFLOW = Workflow(
    "sample_permit",
    "示例许可",
    model=Permit,
    states={"registered": "已登记", "granted": "已许可", "refused": "不予许可"},
    initial="registered",
    agency_of=lambda p: p.agency_id,
    transitions=[
        Transition("grant", "准予许可", ("registered",), "granted"),
        Transition(
            "refuse",
            "不予许可",
            ("registered",),
            "refused",
            guards=(
                Guard(
                    "reason_given",
                    "不予许可的，应当说明理由",
                    "《中华人民共和国行政许可法》第三十八条第二款",
                    lambda ctx: bool(ctx.data.get("reason")),
                ),
            ),
        ),
    ],
)


def grant(p: Permit, *, actor: Any, decided_on: date) -> Permit:
    p.decided_on = decided_on
    return perform(WORKFLOW, p, "grant", actor=actor, data={"on": decided_on.isoformat()})


def refuse(p: Permit, *, actor: Any, decided_on: date, reason: str) -> Permit:
    p.decided_on, p.reason = decided_on, reason
    return perform(WORKFLOW, p, "refuse", actor=actor, data={"reason": reason})


class GrantForm(forms.Form):
    decided_on = forms.DateField(label="决定日")


class RefuseForm(forms.Form):
    decided_on = forms.DateField(label="决定日")
    reason = forms.CharField(label="理由", required=False)


class PermitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Permit
        fields = ["id", "applicant", "state", "decided_on", "reason"]


def get_permit(user: Any, pk: int) -> Permit:
    permit = Permit.objects.filter(pk=pk).first()
    if permit is None or not user.is_authenticated:
        raise Http404("没有找到该申请。")
    return permit


def permit_page(request, permit: Permit, *, bound=None, status: int = 200):
    context = {"permit": permit, "panel": STEPS.panel(request, permit, bound), "title": "申请"}
    return render(request, "sample_system/detail.html", context, status=status)


def is_sample_clerk(user: Any) -> bool:
    """Only the test's own clerk sees the entry (the rest of the suite sees no change)."""
    return getattr(user, "username", "").startswith("sample_")


def permit_list(request):
    return render(request, "sample_system/list.html", {"permits": Permit.objects.all()})


def detail(request, pk: int):
    return permit_page(request, get_permit(request.user, pk))


STEPS = StepSet(
    key="sample_system.permit",
    workflow=WORKFLOW,
    steps=[
        Step("grant", "准予许可", GrantForm, grant, by="审批人员"),
        Step("refuse", "不予许可", RefuseForm, refuse, by="审批人员"),
    ],
    get=get_permit,
    render=permit_page,
    detail_url=lambda p: reverse("sample_system:detail", args=[p.pk]),
    url_name="sample_system:step",
    api_name="api-sample-permit-{step}",
    api_tag="sample_system",
    serializer=PermitSerializer,
)


def import_permit(actor: Any, *, agency: Agency, applicant: str) -> Permit:
    """One row of an existing register: a permit application as registered."""
    return Permit.objects.create(agency=agency, applicant=applicant)


IMPORTER = Importer(
    name="sample_system.permits",
    label="示例许可台账",
    columns=(
        Column("agency", "受理机关", True, example="县示例局", type="agency"),
        Column("applicant", "申请人", True, example="张三", max_length=100),
    ),
    row_service=import_permit,
    allowed=is_sample_clerk,
    unit="件",
)

SYSTEM = System(
    label="sample_system",
    name="示例制度",
    prefix="sample",
    urls="tests.sample_system.urls",
    steps=[STEPS],
    importers=[IMPORTER],
    nav=[NavItem("示例制度", "示例许可", "sample_system:list", allowed=is_sample_clerk, order=999)],
)
