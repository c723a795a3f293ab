"""Statutory time limits (法定期限) computed exactly on the official working-day calendar.

The rules are data (``fazhi/kernel/data/timelimits.toml``), each with its citation and quote;
this package loads them (:mod:`.rules`), computes one due date with a trace that explains it
(:mod:`.engine`, :mod:`.trace`), and recomputes many open deadlines fast (:mod:`.batch`).
Plain Python: no Django import.
"""

from __future__ import annotations

from .batch import DeadlineInput, compute_many
from .engine import (
    add_months,
    compute_due,
    latest_notice_date,
    month_length,
    remaining,
    working_days_between,
)
from .rules import (
    CATALOGUE_PATH,
    RULES,
    Extension,
    Rule,
    RuleCatalogueError,
    UnknownRule,
    get_rule,
    load_rules,
)
from .service import PUBLIC_NOTICE, PUBLIC_NOTICE_RULE, deemed_service, service_date
from .trace import Due, Remaining, SuspensionError, TimeLimitError, Trace

__all__ = [
    "CATALOGUE_PATH",
    "RULES",
    "DeadlineInput",
    "Due",
    "PUBLIC_NOTICE",
    "PUBLIC_NOTICE_RULE",
    "Extension",
    "Remaining",
    "Rule",
    "RuleCatalogueError",
    "SuspensionError",
    "TimeLimitError",
    "Trace",
    "UnknownRule",
    "add_months",
    "compute_due",
    "compute_many",
    "deemed_service",
    "get_rule",
    "latest_notice_date",
    "load_rules",
    "month_length",
    "remaining",
    "service_date",
    "working_days_between",
]
