"""``/api/matters/``: matter lists with their legal bases, benchmark versions, the four lists,
the circumstance catalogue, and the decision-time trial (recommendation, amount check, four-list
matches and the 第三十七条 basis) — the same services the case app calls."""

from __future__ import annotations

from dataclasses import asdict

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action, api_view
from rest_framework.request import Request
from rest_framework.response import Response

from .. import policies, selectors, services
from ..filters import BenchmarkVersionFilterSet, MatterFilterSet
from ..models import LenientList, Matter
from ..rules import CIRCUMSTANCES
from .serializers import (
    BenchmarkVersionSerializer,
    LegalBasisSerializer,
    LenientListSerializer,
    MatterSerializer,
    TrialSerializer,
)


class MatterViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MatterSerializer
    filterset_class = MatterFilterSet

    def get_queryset(self) -> QuerySet[Matter]:
        return policies.matters_scope(self.request.user).prefetch_related("bases")

    @extend_schema(request=TrialSerializer, responses=dict)
    @action(detail=True, methods=["post"])
    def trial(self, request: Request, pk: str | None = None) -> Response:
        """Recommended tier and range, amount check, four-list matches and applicable basis."""
        matter = self.get_object()
        data = TrialSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        rec = services.recommend(matter, d["circumstances"], d["on"])
        body: dict = {"recommendation": asdict(rec)}
        if d.get("amount") is not None:
            inside, message = services.check_amount(rec, d["amount"])
            body["amount_check"] = {"inside": inside, "message": message}
        body["lenient"] = [
            asdict(m)
            for m in services.match_lenient(matter.agency_id, matter, d["circumstances"], d["on"])
        ]
        try:
            basis = selectors.basis_for(matter, d.get("violation_date") or d["on"], d["on"])
        except selectors.NoBasis as exc:
            body["basis"] = {"missing": True, "explanation": str(exc)}
        else:
            body["basis"] = {
                **LegalBasisSerializer(basis).data,
                "new_law_applied": basis.new_law_applied,
                "no_longer_punishable": basis.no_longer_punishable,
                "explanation": basis.explanation,
            }
        return Response(body)


class BenchmarkVersionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = BenchmarkVersionSerializer
    filterset_class = BenchmarkVersionFilterSet

    def get_queryset(self) -> QuerySet:
        return policies.benchmark_versions_scope(self.request.user).prefetch_related("tiers")


class LenientListViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = LenientListSerializer

    def get_queryset(self) -> QuerySet[LenientList]:
        return LenientList.objects.filter(
            agency_id__in=policies.visible_agency_ids(self.request.user)
        ).prefetch_related("items")


@extend_schema(responses=dict)
@api_view(["GET"])
def circumstances(request: Request) -> Response:
    """The circumstance codes (情节) with their labels, effect and citation."""
    return Response([asdict(c) for c in CIRCUMSTANCES.values()])
