"""Drawing a filter form without a template render per field and per ``<option>``.

Django draws every widget through its template engine: a ``<select>`` of twenty agencies is one
template render for the select and one ``include`` per option, and a list page's filter form cost
about as much as the page's queries. :class:`FastWidgetRenderer` writes the same HTML as Django's
own ``input`` and ``select`` widget templates in Python (every value escaped, exactly as the
templates escape it; ``tests/test_widgets.py`` compares the two byte for byte) and hands any other
widget template to Django unchanged.
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.forms.widgets import NullBooleanSelect
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django_filters.widgets import BooleanWidget

_W = "django/forms/widgets/"
# Widget templates that are exactly ``{% include "django/forms/widgets/input.html" %}``.
INPUTS = frozenset(
    f"{_W}{name}.html"
    for name in (
        "input",
        "text",
        "date",
        "datetime",
        "time",
        "number",
        "email",
        "search",
        "url",
        "tel",
        "hidden",
        "password",
        "checkbox",
    )
)
SELECT = f"{_W}select.html"
OPTION = f"{_W}select_option.html"


def _s(value: Any) -> str:
    """``{{ value|stringformat:'s' }}``: ``str()`` of the value, escaped."""
    return conditional_escape(str(value))


def _attrs(attrs: dict[str, Any]) -> str:
    """django/forms/widgets/attrs.html."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {conditional_escape(name)}")
        if value is not True:
            out.append(f'="{_s(value)}"')
    return "".join(out)


def _input(w: dict[str, Any]) -> str:
    value = "" if w["value"] is None else f' value="{_s(w["value"])}"'
    return (
        f'<input type="{conditional_escape(w["type"])}" name="{conditional_escape(w["name"])}"'
        f"{value}{_attrs(w['attrs'])}>"
    )


def _option(o: dict[str, Any]) -> str:
    return f'<option value="{_s(o["value"])}"{_attrs(o["attrs"])}>{conditional_escape(o["label"])}</option>'


def _select(w: dict[str, Any]) -> str:
    out = [f'<select name="{conditional_escape(w["name"])}"{_attrs(w["attrs"])}>']
    for group_name, group_choices, _index in w["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            if option.get("template_name") != OPTION:
                return ""  # a custom option template: let Django draw the whole select
            out.append(f"\n  {_option(option)}\n")  # the option template ends with a newline
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return "".join(out)


#: Django's label of a select's empty choice, and the project's (settings.FORM_RENDERER).
DJANGO_EMPTY_LABEL = "---------"
EMPTY_LABEL = "请选择"
#: A filter's "no condition" choice: the empty choice (FILTERS_EMPTY_CHOICE_LABEL) and the first
#: choice of a yes/no filter, which Django calls 未知 ("unknown").
FILTER_ALL_LABEL = "全部"


def _relabel_empty_choice(context: dict[str, Any]) -> None:
    """Give a select's empty choice a Chinese label instead of Django's ``---------``."""
    widget = context.get("widget")
    if not isinstance(widget, dict) or "optgroups" not in widget:
        return
    for _name, options, _index in widget["optgroups"]:
        for option in options:
            if option.get("label") == DJANGO_EMPTY_LABEL and option.get("value") in ("", None):
                option["label"] = EMPTY_LABEL


class FormRenderer(DjangoTemplates):
    """The project's form renderer (``settings.FORM_RENDERER``): Django's own widget templates,
    with the empty choice of every select labelled 请选择 (model choice fields and model fields
    with choices both default to ``---------``, which means nothing to a user)."""

    def render(self, template_name: str, context: dict[str, Any], request=None) -> str:
        _relabel_empty_choice(context)
        return super().render(template_name, context, request)


class FastWidgetRenderer(FormRenderer):
    """The project's renderer, with ``input`` and ``select`` widgets written directly."""

    def render(self, template_name: str, context: dict[str, Any], request=None) -> str:
        widget = context.get("widget")
        if isinstance(widget, dict):
            if template_name in INPUTS and widget.get("template_name") == template_name:
                return mark_safe(_input(widget))  # noqa: S308 - every part escaped above
            if template_name == SELECT and widget.get("template_name") == SELECT:
                _relabel_empty_choice(context)
                html = _select(widget)
                if html:
                    return mark_safe(html)  # noqa: S308 - every part escaped above
        return super().render(template_name, context, request)


_FAST = FastWidgetRenderer()


def use_fast_widgets(form: Any) -> Any:
    """Draw the filter form ``form`` with :class:`FastWidgetRenderer` (unless the project
    configured a renderer of its own, which then stays in charge), its yes/no filters offering
    全部 rather than Django's 未知 as the choice that sets no condition."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, NullBooleanSelect | BooleanWidget) and widget.choices:
            first, *rest = widget.choices
            widget.choices = [(first[0], FILTER_ALL_LABEL), *rest]
    if type(get_default_renderer()) in (DjangoTemplates, FormRenderer):
        form.renderer = _FAST
    return form
