"""The titles of the instruments the platform cites: one constant per statute or policy document.

Each is the full title as a citation writes it (书名号 included, and the 文号 of a policy
document), and a string itself, so ``f"{XZCF}第六十条"`` reads as before; ``.short`` is the name
a table cell or a figure's footnote uses (``行政处罚法``, ``国办发〔2018〕118号``).
"""

from __future__ import annotations

__all__ = [
    "CCYS",
    "GANGYAO",
    "GBF27",
    "GBF118",
    "XFGZ",
    "XXGK",
    "XZCF",
    "XZFY",
    "XZQZ",
    "XZSS",
    "XZSS_JS",
    "Instrument",
]


class Instrument(str):
    """An instrument's full title (the string itself) with its short name."""

    short: str

    def __new__(cls, full: str, short: str) -> Instrument:
        self = super().__new__(cls, full)
        self.short = short
        return self

    def __reduce__(self) -> tuple[type[Instrument], tuple[str, str]]:  # copy and pickle
        return (Instrument, (str(self), self.short))


# -- laws and administrative regulations -----------------------------------------------------
XZCF = Instrument("《中华人民共和国行政处罚法》", "行政处罚法")
XZQZ = Instrument("《中华人民共和国行政强制法》", "行政强制法")
XZFY = Instrument("《中华人民共和国行政复议法》", "行政复议法")
XZSS = Instrument("《中华人民共和国行政诉讼法》", "行政诉讼法")
XXGK = Instrument("《中华人民共和国政府信息公开条例》", "政府信息公开条例")
XFGZ = Instrument("《信访工作条例》", "信访工作条例")

# -- judicial interpretations ----------------------------------------------------------------
XZSS_JS = Instrument("《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》", "行诉法解释")
CCYS = Instrument(
    "《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》（法释〔2020〕3号）", "法释〔2020〕3号"
)

# -- policy documents ------------------------------------------------------------------------
GBF118 = Instrument(
    "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》"
    "（国办发〔2018〕118号）",
    "国办发〔2018〕118号",
)
GBF27 = Instrument(
    "《国务院办公厅关于进一步规范行政裁量权基准制定和管理工作的意见》（国办发〔2022〕27号）",
    "国办发〔2022〕27号",
)
GANGYAO = Instrument("《法治政府建设实施纲要（2021－2025年）》", "法治政府建设实施纲要")
