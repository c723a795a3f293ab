"""The vocabulary of 人大代表建议 and 政协委员提案 as data.

No statute in docs/statutes.md sets the answer period: the receiving office (本级人民政府办公室) sets
the answer date when it assigns the item, and the kernel rule ``proposal.answer`` (unit
``set_date`` in ``fazhi/kernel/data/timelimits.toml``) carries that date onto 我的待办 with its
explanation. The 办理结果 categories A/B/C and the satisfaction grades are the usual
classification of answers and of the representative's feedback.
"""

from __future__ import annotations

#: The kernel rule of the answer date (a date set at 交办, not a statutory period).
RULE_ANSWER = "proposal.answer"
#: Deadline keys: the first handling, and a re-handling after 不满意.
FIRST, REHANDLE = "", "rehandle"

SUGGESTION, PROPOSAL = "suggestion", "proposal"
KINDS = {SUGGESTION: "人大代表建议", PROPOSAL: "政协委员提案"}
KIND_SHORT = {SUGGESTION: "建议", PROPOSAL: "提案"}
KIND_CHOICES = list(KINDS.items())
AUTHOR_LABEL = {SUGGESTION: "人大代表", PROPOSAL: "政协委员"}

#: 办理结果 (the category the answer states).
RESULTS = {
    "A": "A类：所提问题已经解决或采纳",
    "B": "B类：所提问题正在解决或列入计划解决",
    "C": "C类：因条件限制或其他原因留作参考",
}
RESULT_CHOICES = list(RESULTS.items())

SATISFIED, BASIC, UNSATISFIED = "satisfied", "basic", "unsatisfied"
SATISFACTION = {SATISFIED: "满意", BASIC: "基本满意", UNSATISFIED: "不满意"}
SATISFACTION_CHOICES = list(SATISFACTION.items())
#: Grades that conclude the item; 不满意 sends it back to the lead unit for re-handling.
CONCLUDING = (SATISFIED, BASIC)
