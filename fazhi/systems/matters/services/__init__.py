"""The only write path of the matters app, and the decision-time rules the case app calls.

Every write is atomic, takes ``actor`` keyword-only and ledgers what it changed. Access is
decided by :mod:`..policies` in views and the API before these are called.

Public API (the case app codes against these names):

- ``recommend(matter, circumstances, on) -> Recommendation(tier, tier_label, min_amount,
  max_amount, benchmark_version_id, reasons, mandatory_lenient, no_penalty, statutory_min,
  statutory_max)`` — the tier and range from the benchmark version in force on ``on``;
  mandatory 从轻/减轻 under 行政处罚法 第三十二条 and for ages 14–17 (第三十条).
- ``check_amount(recommendation, amount) -> (inside, message)`` — outside: the case needs a
  written reason and is flagged for the legal reviewer (国办发〔2022〕27号 五（十二））.
- ``match_lenient(agency, matter, circumstances, on) -> list[LenientMatch(list_kind, item_id,
  version, label, list_id, measure)]`` — the four lists (包容审慎), e.g. 首违不罚 (第三十三条).

Writes: ``save_subject``, ``save_matter``, ``replace_bases``, ``add_basis``,
``record_revision``, ``save_benchmark_version``, ``publish_benchmark_version``,
``save_lenient_list``, ``publish_pre_enforcement`` (事前公示, 第三十九条).
"""

from .benchmarks import publish_benchmark_version, save_benchmark_version, save_lenient_list
from .discretion import LenientMatch, Recommendation, check_amount, match_lenient, recommend
from .matters import add_basis, record_revision, replace_bases, save_matter, save_subject
from .publicity import pre_enforcement_text, publish_pre_enforcement

__all__ = [
    "LenientMatch",
    "Recommendation",
    "add_basis",
    "check_amount",
    "match_lenient",
    "pre_enforcement_text",
    "publish_benchmark_version",
    "publish_pre_enforcement",
    "recommend",
    "record_revision",
    "replace_bases",
    "save_benchmark_version",
    "save_lenient_list",
    "save_matter",
    "save_subject",
]
