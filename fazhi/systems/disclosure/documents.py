"""The answer letter (政府信息公开申请答复书) as a .docx, citing the ground of its answer.

Every letter states when the request was received (第三十一条), the answer and the article it
rests on (第三十六条 item, 第三十七条, 第三十八条, 第三十五条/第三十九条), the ground of any
refusal (第十四条—第十六条) and the remedies (行政复议法 第二十条, 行政诉讼法 第四十六条;
for a refusal, 行政复议法 第二十三条 puts 复议 first). The text is built once
(:func:`letter_paragraphs`) and used for the .docx and for the redacted public version.
"""

from __future__ import annotations

from fazhi.core.ui.letters import letter_docx
from fazhi.kernel.formatting import BLANK_DATE, zh_date

from . import rules
from .models import DisclosureRequest


def _quote(citation: str, quote: str) -> str:
    return f"{citation}规定：“{quote.rstrip('；;。')}。”"


def answer_paragraphs(req: DisclosureRequest) -> list[str]:
    """The answer itself, with its article and, for a refusal, its ground."""
    t = rules.ANSWER_TYPES[req.answer_type]
    out: list[str] = []
    code = req.answer_type
    if code == rules.PUBLIC_ALREADY:
        out.append(f"您申请公开的政府信息已经主动公开，获取方式、途径如下：{req.access_way}")
    elif code == rules.DISCLOSED:
        out.append(
            f"您申请公开的政府信息属于可以公开的政府信息，现予以提供（或告知获取方式、途径和时间）：{req.access_way}"
        )
    elif code == rules.PARTIAL:
        ground = rules.REFUSAL_GROUNDS[req.refusal_ground]
        out.append(
            f"您申请公开的信息中含有不应当公开的内容，但能够作区分处理。现向您提供可以公开的内容：{req.access_way}"
        )
        out.append(f"其余内容{ground.label}，不予公开，理由如下：{req.reason}")
        out.append(_quote(ground.citation, ground.quote))
    elif code == rules.REFUSED:
        ground = rules.REFUSAL_GROUNDS[req.refusal_ground]
        out.append(
            f"经审查，您申请公开的政府信息{ground.label}，决定不予公开，理由如下：{req.reason}"
        )
        out.append(_quote(ground.citation, ground.quote))
    elif code == rules.NOT_EXIST:
        out.append(
            f"经检索，本机关没有您所申请公开的政府信息，该政府信息不存在。检索情况：{req.reason}"
        )
    elif code == rules.NOT_RESPONSIBLE:
        out.append(f"您申请公开的政府信息不属于本机关负责公开，理由如下：{req.reason}")
        if req.responsible_agency:
            out.append(f"负责公开该政府信息的行政机关及其联系方式：{req.responsible_agency}。")
    elif code == rules.REPEAT:
        prev = req.previous_request
        ref = f"（{prev.number}，答复日 {zh_date(prev.answered_on, BLANK_DATE)}）" if prev else ""
        out.append(
            f"本机关已就您提出的相同政府信息公开申请作出答复{ref}，对您的重复申请不予重复处理。"
        )
    elif code == rules.SPECIAL_LAW:
        out.append(
            f"您申请公开的信息，有关法律、行政法规对信息的获取有特别规定，请依照{req.special_law}的规定办理。"
        )
    elif code == rules.NEEDS_CREATION:
        out.append(
            f"您申请的信息需要本机关对现有政府信息进行加工、分析，本机关不予提供。理由如下：{req.reason}"
        )
    elif code == rules.NOT_PROCESSED:
        reason = rules.NOT_PROCESSED_REASONS[req.not_processed_reason]
        out.append(
            f"您的申请属于“{reason.label}”，本机关不作为政府信息公开申请处理。理由如下：{req.reason}"
        )
        out.append(_quote(reason.citation, reason.quote))
    if req.public_interest_reason:
        out.append(
            f"第三方不同意公开，本机关认为不公开可能对公共利益造成重大影响，决定予以公开，理由如下：{req.public_interest_reason}"
        )
    out.append(f"本答复依据{t.citation}作出。{_quote(t.citation, t.quote)}")
    return out


def letter_paragraphs(req: DisclosureRequest) -> list[str]:
    """The body of the letter, addressee to remedies (without the heading and signature)."""
    channel = rules.CHANNELS[req.channel]
    intro = (
        f"本机关于{zh_date(req.received_on, BLANK_DATE)}收到您（{channel.label}）提出的政府信息公开申请"
        f"（申请编号：{req.number}），申请公开：{req.content}"
    )
    if req.correction_received_on:
        intro += f"。经告知补正，本机关于{zh_date(req.correction_received_on, BLANK_DATE)}收到补正后的申请"
    paragraphs = [f"{req.applicant_name}：", intro + "。"]
    if req.extended:
        paragraphs.append(
            f"经政府信息公开工作机构负责人同意，答复期限已延长，并于{zh_date(req.extension_notified_on, BLANK_DATE)}告知您"
            f"（{rules.EXTENSION.citation}）。"
        )
    if req.consultations.exists():
        paragraphs.append(
            "本机关依法书面征求了意见，征求意见所需时间不计算在答复期限内"
            f"（{rules.CONSULTATION_PAUSE.citation}）。"
        )
    paragraphs.append("根据《中华人民共和国政府信息公开条例》的规定，现答复如下：")
    paragraphs += answer_paragraphs(req)
    remedy = (
        f"如对本答复不服，可以在收到本答复书之日起六十日内依法申请行政复议"
        f"（{rules.REMEDY_RECONSIDERATION.citation}），或者在六个月内依法向人民法院提起行政诉讼"
        f"（{rules.REMEDY_LITIGATION.citation}）。"
    )
    if req.answer_type in (rules.REFUSED, rules.PARTIAL):
        remedy = (
            "如对本答复中不予公开的决定不服，应当先向行政复议机关申请行政复议"
            f"（{rules.RECONSIDERATION_FIRST.citation}第一款第（四）项），可以在收到本答复书之日起"
            f"六十日内提出（{rules.REMEDY_RECONSIDERATION.citation}）；对行政复议决定不服的，"
            "可以依法向人民法院提起行政诉讼。"
        )
    paragraphs.append(remedy)
    return paragraphs


def answer_letter(req: DisclosureRequest) -> bytes:
    """The answer letter as .docx bytes."""
    answer = rules.ANSWER_TYPES[req.answer_type]
    return letter_docx(
        req.agency.name,
        "政府信息公开申请答复书",
        req.letter_number,
        letter_paragraphs(req),
        req.answered_on,
        note=f"（答复类型：{answer.label}；依据：{answer.citation}）",
    )
