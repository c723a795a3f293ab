"""The error pages: 403, 404, 500 and a failed CSRF check, in Chinese inside the site's layout.

A page shows the reason the code raised (``PermissionDenied("您不是行政执法人员，不能登记案源。")``,
``Http404("没有找到该文书。")``) when that reason is written in Chinese, and a plain Chinese
sentence otherwise (Django's own ``No Case matches the given query.``, a resolver's dictionary).
Every page offers a way back: the 工作台 and the previous page.

Paths under ``/api/`` answer JSON (``{"detail": …}``) as the API's exception handler does, so a
client of the API never receives an HTML page.

The 500 page is rendered without the request's context processors (no navigation, no user, no
database query): whatever failed may be the database itself. Should even that fail, a fixed
HTML string is returned.
"""

from __future__ import annotations

import re
from typing import Any

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseServerError,
    JsonResponse,
)
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme

TEMPLATE = "ui/error.html"
_CJK = re.compile(r"[\u3400-\u9fff]")

TITLES = {
    400: "请求有误",
    403: "无权访问",
    404: "页面不存在",
    500: "服务器内部错误",
}
DEFAULT_REASONS = {
    400: "请求的内容无法处理，请返回上一页检查后重试。",
    403: "您没有打开此页面或执行此操作的权限。如需办理，请联系本机关的安全保密管理员授予相应角色。",
    404: "您要找的页面或记录不存在，或者不在您可以查看的范围内。",
    500: "服务器处理请求时发生错误，已记录在系统日志中。请稍后重试；如果问题持续，请联系系统管理员。",
}
CSRF_REASON = (
    "页面已过期或无法确认表单来自本平台（跨站请求伪造校验未通过），本次提交没有保存。"
    "请返回上一页，刷新页面后重新提交；如果浏览器禁用了 Cookie，请先启用。"
)

_FALLBACK_500 = (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
    "<title>服务器内部错误 · 法治</title></head><body>"
    "<h1>服务器内部错误</h1><p>" + DEFAULT_REASONS[500] + '</p><p><a href="/">返回工作台</a></p>'
    "</body></html>"
)


def is_chinese(text: str) -> bool:
    """Whether ``text`` holds Chinese (a message written for the user, not Django's English)."""
    return bool(_CJK.search(text))


def reason(exception: BaseException | None, default: str) -> str:
    """The message ``exception`` was raised with when it is Chinese, else ``default``."""
    if exception is not None and exception.args:
        message = exception.args[0]
        if isinstance(message, str) and is_chinese(message):
            return message
    return default


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def _back(request: HttpRequest) -> str:
    """The previous page when the browser names one on this site, else "" (the template then
    goes back in the browser's history)."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return ""


def _page(request: HttpRequest, status: int, message: str, **extra: Any) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": message}, status=status)
    context = {
        "title": TITLES[status],
        "status": status,
        "reason": message,
        "back": _back(request),
        **extra,
    }
    try:
        body = loader.render_to_string(TEMPLATE, context, request=request)
    except Exception:  # noqa: BLE001 - the navigation needs the database; show the page without it
        body = loader.render_to_string(TEMPLATE, context)
    return HttpResponse(body, status=status)


def bad_request(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return _page(request, 400, reason(exception, DEFAULT_REASONS[400]))


def permission_denied(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return _page(request, 403, reason(exception, DEFAULT_REASONS[403]))


def page_not_found(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return _page(request, 404, reason(exception, DEFAULT_REASONS[404]))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: Django's reason ("CSRF token missing.") is for the log, not the user."""
    return _page(request, 403, CSRF_REASON, csrf=True)


def server_error(request: HttpRequest) -> HttpResponse:
    """No request context: no navigation, no user, no database query."""
    if is_api(request):
        return JsonResponse({"detail": DEFAULT_REASONS[500]}, status=500)
    body: str
    try:
        body = loader.render_to_string(
            TEMPLATE,
            {"title": TITLES[500], "status": 500, "reason": DEFAULT_REASONS[500], "back": ""},
        )
    except Exception:  # noqa: BLE001 - the error page itself must not fail
        body = _FALLBACK_500
    return HttpResponseServerError(body)
