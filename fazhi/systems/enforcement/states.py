"""The states of the 行政处罚 case and of its 移送, with their Chinese labels, apart from the
workflows that move between them (so the models and the pages read them without the workflow)."""

STATES = {
    "draft": "草稿",
    "source": "案源登记",
    "investigating": "立案调查",
    "examining": "调查终结审查",
    "notified": "已告知",
    "hearing": "听证",
    "in_review": "法制审核",
    "ready": "待决定",
    "decided": "已决定待送达",
    "executing": "执行中",
    "closed": "已结案",
    "archived": "已归档",
}
OPEN_STATES = ("investigating", "examining", "notified", "hearing", "in_review", "ready")
PRE_DECISION = ("examining", "notified", "hearing", "in_review", "ready")
AFTER_DECISION = ("decided", "executing", "closed", "archived")
ACTIVE = ("source", *OPEN_STATES, "decided", "executing")

TRANSFER_STATES = {
    "raised": "待移送",
    "transferred": "已移送",
    "received": "公安机关已接收",
    "accepted": "公安机关已立案",
    "returned": "公安机关不予立案（退回）",
    "concluded": "已有处理结果",
    "dismissed": "经审查不涉嫌犯罪",
}
