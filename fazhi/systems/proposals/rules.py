"""The vocabulary of 人大代表建议 and 政协委员提案 as data.

A 人大代表建议 is answered within three months of 交办, six where it 涉及面广、处理难度大
(代表法 第五十一条第二款: kernel rule ``proposal.answer``, a period with the longer one as its
extension, chosen at 交办 with its ground); the office may ask for an earlier answer but not set
a later date. No statute sets the period of a 政协委员提案 or of a re-handling after 不满意: the
office sets those dates (kernel rules ``proposal.cppcc_answer`` and ``proposal.reanswer``, unit
``set_date``, configurable). The 办理结果 categories A/B/C and the satisfaction grades are the
usual classification of answers and of the representative's feedback.
"""

from __future__ import annotations

from fazhi.kernel.timelimits import get_rule

#: 代表法 第五十一条第二款: three months from 交办 (six, by extension, for 涉及面广、处理难度大).
RULE_ANSWER = "proposal.answer"
#: 政协委员提案: the date the office sets at 交办 (no statute).
RULE_CPPCC_ANSWER = "proposal.cppcc_answer"
#: Re-handling after 不满意: the date the office sets when sending it back (no statute).
RULE_REANSWER = "proposal.reanswer"
#: Every answer clock, for the mirror of the list's 答复期限.
ANSWER_RULES = (RULE_ANSWER, RULE_CPPCC_ANSWER, RULE_REANSWER)
#: Deadline keys: the first handling, and a re-handling after 不满意.
FIRST, REHANDLE = "", "rehandle"
#: The article the 建议 period rests on, for guards and help texts.
SUGGESTION_PERIOD = get_rule(RULE_ANSWER)

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
