"""The 信访处理意见书 as a .docx: 「信访处理意见书应当载明信访人投诉请求、事实和理由、处理意见及其
法律法规依据」 (《信访工作条例》第三十二条), with the 复查 route of 第三十五条."""

from __future__ import annotations

from fazhi.core.ui.letters import letter_docx
from fazhi.kernel.formatting import BLANK_DATE, zh_date

from . import rules
from .models import Petition


def opinion_paragraphs(p: Petition) -> list[str]:
    """The four contents of 第三十二条, then the petitioner's remedy (第三十五条)."""
    body = p.handler_agency or p.agency
    out = [
        f"{p.petitioner_name}：",
        f"你于{zh_date(p.received_on, BLANK_DATE)}以{p.get_channel_display()}形式提出的信访事项（编号：{p.number}），"
        f"本机关于{zh_date(p.accepted_on, BLANK_DATE)}受理。现提出处理意见如下：",
        f"一、投诉请求：{p.content}",
        f"二、事实和理由：{p.facts_reasons}",
        f"三、处理意见：{p.opinion}",
        f"四、法律法规依据：{p.legal_basis}",
    ]
    if p.extended:
        out.append(
            f"本事项情况复杂，经本机关负责人批准，办理期限延长{p.extension_days}日，"
            f"已于{zh_date(p.extension_notified_on, BLANK_DATE)}告知你延期理由（{rules.ART34.citation}）。"
        )
    out.append(
        f"如对本处理意见不服，可以自收到本意见书之日起30日内请求{body.name}的上一级机关、单位复查"
        f"（{rules.ART35.citation}）。"
    )
    return out


def opinion_docx(p: Petition) -> bytes:
    body = p.handler_agency or p.agency
    return letter_docx(
        body.name, "信访处理意见书", p.opinion_number, opinion_paragraphs(p), p.opinion_on
    )
