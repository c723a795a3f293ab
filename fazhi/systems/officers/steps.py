"""The steps of a certificate (换证、暂扣、恢复使用、注销), declared once: core draws the step
panel on the certificate page, the page step view and one API endpoint per step. 发证 and the
expiry scan are not steps of an existing certificate (a new one; the system actor)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from fazhi.core.workflow.steps import Step, StepSet

from . import policies, services
from .forms import CertificateRenewForm, CertificateStatusForm
from .models import Certificate
from .workflow import CERTIFICATE_WORKFLOW as WF

BY = "法治监督机构（司法局）"


def visible_certificate(user, pk: int) -> Certificate:
    """The certificate if the user may see its holder's agency; 404 otherwise."""
    cert = get_object_or_404(Certificate.objects.select_related("staff", "staff__agency"), pk=pk)
    if not policies.can_view(user, cert.staff.agency_id):
        raise Http404("没有找到该证件。")
    return cert


CERTIFICATE_STEPS = StepSet(
    key="officers.certificate",
    workflow=WF,
    steps=[
        Step.of(WF, "renew", CertificateRenewForm, services.renew_certificate, by=BY),
        Step.of(WF, "suspend", CertificateStatusForm, services.suspend_certificate, by=BY),
        Step.of(WF, "reinstate", CertificateStatusForm, services.reinstate_certificate, by=BY),
        Step.of(WF, "revoke", CertificateStatusForm, services.revoke_certificate, by=BY),
    ],
    get=visible_certificate,
    render="fazhi.systems.officers.views.certificate_response",
    detail_url=lambda cert: reverse("officers:certificate_detail", args=[cert.pk]),
    url_name="officers:certificate_step",
    page_path="certificates/<int:pk>/step/<str:name>/",
    api_path="certificates/<int:pk>/{step}/",
    api_name="api-officers-certificate-{step}",
    api_tag="officers",
    serializer="fazhi.systems.officers.api.serializers.CertificateSerializer",
    operation_prefix="officers_certificate",
)
