"""Read-only API: annual reports the user may see, and one report composed with its figures."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import generics, permissions
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core.accounts.policies import principal

from .. import policies
from ..composer import compose_report
from ..models import AnnualReport
from .serializers import AnnualReportSerializer


class ReportListAPIView(generics.ListAPIView):
    serializer_class = AnnualReportSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self) -> QuerySet[AnnualReport]:
        return policies.visible_reports(self.request.user).order_by("-id")


class ReportComposedAPIView(generics.GenericAPIView):
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = AnnualReportSerializer

    def get(self, request: Request, pk: int) -> Response:
        report = policies.get_visible_report(request.user, pk)
        c = compose_report(report, visible=principal(request.user).visible_agency_ids)
        return Response(
            {
                "title": c.title,
                "parts": [
                    {
                        "key": p.key,
                        "heading": p.numbered_heading,
                        "text": p.text,
                        "figures": [
                            {"code": f.code, "sentence": f.sentence, "url": f.url}
                            for f in p.figures
                        ],
                        "prompts": p.prompts,
                    }
                    for p in c.parts
                ],
            }
        )
