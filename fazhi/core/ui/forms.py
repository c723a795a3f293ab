"""The form fields every system's step forms are built of.

A step's date is a browser date picker (``<input type="date">``); its free text is a three-row
textarea. Each system's forms call :func:`day` and :func:`text` rather than spelling the field out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django import forms

__all__ = ["DateInput", "day", "text"]


class DateInput(forms.DateInput):
    """The browser's date picker."""

    input_type = "date"


def day(
    label: str,
    required: bool = True,
    help_text: str = "",
    initial: date | Callable[[], date] | None = None,
) -> forms.DateField:
    """A date field drawn as a date picker."""
    return forms.DateField(
        label=label, required=required, widget=DateInput, help_text=help_text, initial=initial
    )


def text(label: str, required: bool = False, rows: int = 3, help_text: str = "") -> forms.CharField:
    """A free-text field drawn as a textarea of ``rows`` rows."""
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )
