"""The act picker: the field where a record names the act it is about (复议, 诉讼, 信访, 依申请公开…).

Without JavaScript it is a plain text field taking the act's whole 案号 or 决定书文号 (resolved on
the server by :func:`.resolve.resolve_act`). With htmx (served locally) typing any part of a
number or a party's name lists the matching acts the user may see (``/acts/pick/``); choosing one
fills in its reference and shows what was chosen.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

HELP = (
    "输入案号、决定书文号或当事人名称的任意部分，从建议中选择；"
    "也可直接填写完整的案号或决定书文号。多数事项无需填写。"
)


class ActPicker(forms.TextInput):
    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        input_attrs = context["widget"]["attrs"]
        target = f"{input_attrs.get('id') or name}_suggestions"
        input_attrs.update(
            {
                "autocomplete": "off",
                "class": "act-picker",
                "hx-get": reverse("acts:pick"),
                "hx-trigger": "input changed delay:300ms, search",
                "hx-target": f"#{target}",
                "hx-vals": f'{{"field": "{input_attrs.get("id") or name}", "name": "{name}"}}',
                "hx-sync": "this:replace",
            }
        )
        return context

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        field = (attrs or {}).get("id") or self.attrs.get("id") or name
        return format_html(
            '{}<span class="act-chosen muted" aria-live="polite"></span>'
            '<div class="act-suggestions" id="{}_suggestions"></div>',
            super().render(name, value, attrs, renderer),
            field,
        )


def act_field(label: str = "关联的行政行为记录", help_text: str = HELP) -> forms.CharField:
    """The act field of a form (the form's ``clean_<name>`` resolves it for its user)."""
    return forms.CharField(label=label, required=False, help_text=help_text, widget=ActPicker)
