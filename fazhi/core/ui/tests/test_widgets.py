"""The fast filter-form renderer writes exactly what Django's widget templates write: compared
byte for byte on every filter form of the platform (bound, unbound, with values to be escaped)
and on widgets built to exercise the corners (optgroups, boolean attributes, markup in values)."""

from __future__ import annotations

import importlib
import pkgutil

import django_filters
import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

import fazhi
from fazhi.core.accounts.roles import Role
from fazhi.core.ui.widgets import FastWidgetRenderer, use_fast_widgets
from tests import factories

DJANGO = DjangoTemplates()
FAST = FastWidgetRenderer()


def _filtersets() -> list[type[django_filters.FilterSet]]:
    for mod in pkgutil.walk_packages(fazhi.__path__, "fazhi."):
        if mod.name.endswith(".filters"):
            importlib.import_module(mod.name)
    found, todo = [], list(django_filters.FilterSet.__subclasses__())
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if cls.__module__.startswith("fazhi."):
            found.append(cls)
    return found


def _html(form: forms.Form, renderer) -> list[str]:
    form.renderer = renderer
    return [str(bound) for bound in form]


class _Req:
    def __init__(self, user) -> None:
        self.user = user


def test_every_platform_filter_form_is_drawn_identically(db):
    _, gov = factories.county()
    factories.agency('局<"甲">&乙')
    factories.agency("市场监督管理局")
    user = factories.user("sup", (Role.SUPERVISOR, gov))
    sets = _filtersets()
    assert len(sets) >= 8  # every app's list filters were found
    weird = '"><script>alert(1)</script>&'
    for cls in sets:
        for data in (None, {}, {name: weird for name in cls.base_filters}):
            fs = cls(data, queryset=cls._meta.model.objects.none(), request=_Req(user))
            expected = _html(fs.form, DJANGO)
            fs = cls(data, queryset=cls._meta.model.objects.none(), request=_Req(user))
            assert _html(fs.form, FAST) == expected, cls
            assert all("<script>" not in html for html in expected)


class _Corners(forms.Form):
    text = forms.CharField(widget=forms.TextInput(attrs={"placeholder": 'a "b" <c>', "x": 3}))
    flag = forms.BooleanField(widget=forms.CheckboxInput(attrs={"data-on": True, "off": False}))
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    number = forms.DecimalField()
    grouped = forms.ChoiceField(
        choices=[("", "全部"), ("组<1>", [("a", "甲 & 乙"), ("b", "<b>")]), (3, 4)]
    )
    many = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")])
    yesno = forms.NullBooleanField()
    note = forms.CharField(widget=forms.Textarea)  # not drawn here: handed to Django


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"text": "<i>", "flag": "on", "date": "2025-03-01", "number": "1.50", "grouped": "b"},
        {"many": ["x", "y"], "yesno": "true", "grouped": "3", "note": "<p>"},
        {"text": "", "number": "x", "date": "not a date"},
    ],
)
def test_corner_widgets_are_drawn_identically(data):
    assert _html(_Corners(data), FAST) == _html(_Corners(data), DJANGO)


def test_use_fast_widgets_sets_the_renderer_only_over_the_default(settings):
    form = use_fast_widgets(_Corners())
    assert isinstance(form.renderer, FastWidgetRenderer)
    settings.FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
    from django.forms.renderers import get_default_renderer

    get_default_renderer.cache_clear()  # type: ignore[attr-defined]  # lru_cache at runtime
    try:
        assert not isinstance(use_fast_widgets(_Corners()).renderer, FastWidgetRenderer)
    finally:
        settings.FORM_RENDERER = "django.forms.renderers.DjangoTemplates"
        get_default_renderer.cache_clear()  # type: ignore[attr-defined]  # lru_cache at runtime
