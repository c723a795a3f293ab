"""/api/publication/: the public read-only portal (no login) and the staff listing."""

from __future__ import annotations

from rest_framework import generics
from rest_framework.permissions import AllowAny, IsAuthenticated

from fazhi.core.ui.pagination import SeekPagination

from .. import policies
from ..filters import PublishedItemFilterSet, StaffPublishedItemFilterSet
from .serializers import PublicItemSerializer, StaffItemSerializer


class PublicPagination(SeekPagination):
    ordering = ("-published_at", "-id")


class PublicItemList(generics.ListAPIView):
    """公开事项（无需登录）：按公开时间倒序；q 检索标题与正文，kind、agency、year 筛选。"""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    serializer_class = PublicItemSerializer
    filterset_class = PublishedItemFilterSet
    pagination_class = PublicPagination

    def get_queryset(self):
        return policies.public_items()


class PublicItemDetail(generics.RetrieveAPIView):
    """一条公开事项（无需登录）；已撤回的只返回撤回公告与理由。"""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    serializer_class = PublicItemSerializer

    def get_queryset(self):
        return policies.public_items()


class StaffItemList(generics.ListAPIView):
    """本人可见机关的公开事项，含公开期限、是否按期与去标识化记录。"""

    permission_classes = [IsAuthenticated]
    serializer_class = StaffItemSerializer
    filterset_class = StaffPublishedItemFilterSet
    pagination_class = PublicPagination

    def get_queryset(self):
        return policies.staff_items(self.request.user).select_related("source_type")


class StaffItemDetail(generics.RetrieveAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = StaffItemSerializer

    def get_queryset(self):
        return policies.staff_items(self.request.user).select_related("source_type")
