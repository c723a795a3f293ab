"""Read-only API: annual reports the user may see, one report composed with its figures or as a
.docx/PDF file, and the quarterly bulletin (JSON, .docx or PDF). A PDF that cannot be made
(LibreOffice missing or failing) is a 503 whose ``detail`` says why in Chinese."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core.indicators.registry import PeriodError

from .. import bulletin, documents, policies
from ..composer import compose_report
from ..models import AnnualReport
from ..pdf import PdfUnavailable
from .serializers import AnnualReportSerializer


class CanUseReports(permissions.BasePermission):
    """The same question the pages and the navigation ask (:func:`policies.can_use`)."""

    message = "您无权查看法治报告。"

    def has_permission(self, request: Request, view: object) -> bool:
        return policies.can_use(request.user)


class ReportListAPIView(generics.ListAPIView):
    serializer_class = AnnualReportSerializer
    permission_classes = [permissions.IsAuthenticated, CanUseReports]

    def get_queryset(self) -> QuerySet[AnnualReport]:
        return policies.visible_reports(self.request.user).order_by("-id")


class ReportComposedAPIView(generics.GenericAPIView):
    permission_classes = [permissions.IsAuthenticated, CanUseReports]
    serializer_class = AnnualReportSerializer

    def get(self, request: Request, pk: int) -> Response:
        report = policies.get_visible_report(request.user, pk)
        c = compose_report(report)
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


def _unavailable(exc: PdfUnavailable) -> Response:
    return Response({"detail": str(exc)}, status=status.HTTP_503_SERVICE_UNAVAILABLE)


class ReportFileAPIView(generics.GenericAPIView):
    """The report as .docx (GB/T 9704) or PDF, with record links under this server's address."""

    permission_classes = [permissions.IsAuthenticated, CanUseReports]
    serializer_class = AnnualReportSerializer

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request: Request, pk: int, fmt: str) -> HttpResponse:
        if fmt not in documents.FORMATS:
            raise Http404
        report = policies.get_visible_report(request.user, pk)
        base = request.build_absolute_uri("/")
        try:
            return documents.as_response(documents.report_file(report, fmt, base_url=base))
        except PdfUnavailable as exc:
            return _unavailable(exc)


class BulletinAPIView(generics.GenericAPIView):
    """The quarterly bulletin of a supervising body: ``?body=ID&period=2025Q3``; JSON by default,
    ``&file=docx`` or ``&file=pdf`` for the document (DRF keeps ``format`` for itself)."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = AnnualReportSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("body", int, description="法治督察单位（机关 id）"),
            OpenApiParameter("period", str, description="季度，如 2025Q3"),
            OpenApiParameter("file", str, enum=["docx", "pdf"], description="不填则返回 JSON"),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response | HttpResponse:
        bodies = policies.supervising_bodies(request.user)
        body = bodies.filter(pk=request.query_params.get("body") or 0).first()
        if body is None:
            return Response(
                {
                    "detail": "请指定您所在的法治督察单位（body），仅其法治监督人员可以读取季度通报。"
                },
                status=status.HTTP_400_BAD_REQUEST
                if bodies.exists()
                else status.HTTP_403_FORBIDDEN,
            )
        try:
            year, quarter = bulletin.period_of(request.query_params.get("period", ""))
        except PeriodError as exc:
            return Response({"period": [str(exc)]}, status=status.HTTP_400_BAD_REQUEST)
        b = bulletin.build_bulletin(body, year, quarter)
        fmt = request.query_params.get("file", "")
        if fmt in documents.FORMATS:
            try:
                return documents.as_response(documents.bulletin_file(b, fmt))
            except PdfUnavailable as exc:
                return _unavailable(exc)
        return Response(
            {
                "title": b.title,
                "period": b.period.code,
                "tables": [
                    {
                        "code": t.indicator.code,
                        "name": t.indicator.name,
                        "unit": t.indicator.unit,
                        "rows": [
                            {
                                "agency": r.agency.pk,
                                "agency_name": r.agency.display_name,
                                "rank": r.rank,
                                "value": r.value.display,
                                "previous": r.previous.display,
                                "change": r.change,
                                "url": request.build_absolute_uri(r.url),
                            }
                            for r in t.rows
                        ],
                    }
                    for t in b.tables
                ],
                "problems": b.problems,
            }
        )
