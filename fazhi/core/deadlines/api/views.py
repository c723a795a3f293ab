"""``/api/deadlines/``: the same lists and policies as the pages, with keyset pagination."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from fazhi.core.ui.pagination import SeekPagination, seek

from .. import policies, selectors
from ..filters import DeadlineFilterSet, RiskFilterSet
from ..models import CalendarNotice, Deadline
from .serializers import CalendarNoticeSerializer, DeadlineDetailSerializer, DeadlineSerializer


class DuePagination(SeekPagination):
    """Cursor pagination by due date (soonest first), then id: a keyset seek, never OFFSET.

    The response has the shape of the default cursor pagination (``next``, ``previous``,
    ``results``); pages only go forward, so ``previous`` is always null.
    """

    ordering = ("due", "id")

    def paginate_queryset(  # type: ignore[override]  # a keyset seek needs a QuerySet, which the list views always pass
        self, queryset: QuerySet, request: Request, view: Any = None
    ) -> list[Any]:
        self.request = request
        self.page_size = self.get_page_size(request) or self.page_size
        cursor = request.query_params.get(self.cursor_query_param)
        self.seek_page = seek(
            queryset, key="due", descending=False, cursor=cursor, size=self.page_size, count_cap=0
        )
        return self.seek_page.rows

    def get_next_link(self) -> str | None:
        token = self.seek_page.next_cursor
        if not token:
            return None
        return replace_query_param(
            self.request.build_absolute_uri(), self.cursor_query_param, token
        )

    def get_previous_link(self) -> str | None:
        return None

    def get_paginated_response(self, data: Any) -> Response:
        return Response({"next": self.get_next_link(), "previous": None, "results": data})


class CanUseDeadlines(permissions.BasePermission):
    """Business users only: the three separated administrators have no business deadlines, so
    the lists refuse them with 403 like the pages (:func:`policies.can_use_deadlines`) instead of
    answering with an empty list."""

    message = "管理员账号没有业务期限。"

    def has_permission(self, request: Request, view: Any) -> bool:
        return policies.can_use_deadlines(request.user)


class DeadlineListAPIView(generics.ListAPIView):
    """Every deadline the user may read (the "全部期限" page)."""

    serializer_class = DeadlineSerializer
    permission_classes = [permissions.IsAuthenticated, CanUseDeadlines]
    filterset_class = DeadlineFilterSet
    pagination_class = DuePagination

    def get_queryset(self) -> QuerySet[Deadline]:
        return selectors.visible(self.request.user)

    @extend_schema(summary="可查看的全部期限", tags=["deadlines"])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class RiskDeadlinesAPIView(DeadlineListAPIView):
    """风险期限: open yellow and red deadlines of the agencies a supervisor sees (the page's list,
    with the same filters: agency, system, rule, level); 403 for anyone else."""

    filterset_class = RiskFilterSet

    def get_queryset(self) -> QuerySet[Deadline]:
        if not policies.can_view_risk(self.request.user):
            raise PermissionDenied("只有法治监督人员可以查看风险期限。")
        return selectors.at_risk(self.request.user)

    @extend_schema(summary="风险期限（临期与逾期）", tags=["deadlines"])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class MyDeadlinesAPIView(DeadlineListAPIView):
    """The user's running deadlines (the "我的待办" page), paged like the page: each branch of
    the to-do read from its own index and merged (``selectors.todo_page``)."""

    def get_queryset(self) -> QuerySet[Deadline]:
        return selectors.todo(self.request.user)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        paginator = self.paginator
        assert isinstance(paginator, DuePagination)  # pagination_class above
        paginator.request = request
        paginator.seek_page = selectors.todo_page(
            request.user,
            cursor=request.query_params.get(paginator.cursor_query_param),
            size=paginator.get_page_size(request) or paginator.page_size,
            refine=self.filter_queryset,
            count_cap=0,
        )
        data = self.get_serializer(paginator.seek_page.rows, many=True).data
        return paginator.get_paginated_response(data)

    @extend_schema(summary="我的待办期限", tags=["deadlines"])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class DeadlineDetailAPIView(generics.RetrieveAPIView):
    """One deadline with its rule and the explanation of its date (404 if not visible)."""

    serializer_class = DeadlineDetailSerializer

    def get_object(self) -> Deadline:
        return policies.get_visible_deadline(self.request.user, self.kwargs["pk"])

    @extend_schema(summary="期限详情与计算说明", tags=["deadlines"])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class CalendarNoticeListAPIView(generics.ListAPIView):
    """The State Council holiday notices entered on the calendar page, newest first.

    The official calendar is public information, so every signed-in user may read it; only a
    supervisor may enter one (on the calendar page).
    """

    serializer_class = CalendarNoticeSerializer
    filterset_class = None

    def get_queryset(self) -> QuerySet[CalendarNotice]:
        return CalendarNotice.objects.select_related("entered_by").prefetch_related("days")

    @extend_schema(summary="已录入的国务院放假安排通知", tags=["deadlines"])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)
