"""Redaction before publication: personal information masked, with the ground of each mask.

《中华人民共和国个人信息保护法》第四条 defines 个人信息 and 第二十八条 makes 特定身份 and
金融账户 sensitive; 市场监督管理行政处罚信息公示规定 第六条 requires publishers to 「对信息进行
必要的处理」. What must never be masked: organisations' credit codes and names, document
numbers, dates and amounts — a published decision has to stay readable and checkable.
"""

from __future__ import annotations

import pytest

from fazhi.kernel.ids import id_check_digit, uscc_check_character
from fazhi.kernel.redact import (
    GROUND_PERSONAL,
    GROUND_SENSITIVE,
    RULES,
    mask_address,
    mask_name,
    redact,
    redact_fields,
)

ID_NUMBER = "35010219900307123" + id_check_digit("35010219900307123")
SHOP_USCC = "92350102MA2Y0K7B8" + uscc_check_character("92350102MA2Y0K7B8")
HUAWEI_USCC = "914403001922038216"  # all digits, and a valid credit code
CARD_19 = "6222021234567890102"  # passes the Luhn check
ADDRESS = "福建省福州市鼓楼区鼓东街道东街88号3栋502室"

DECISION = f"""福州市鼓楼区市场监督管理局
行政处罚决定书
榕鼓市监处罚〔2023〕123号

当事人：福州市鼓楼区张三小吃店（个体工商户）
统一社会信用代码：{SHOP_USCC}
经营者：张三，公民身份号码：{ID_NUMBER}，住所：{ADDRESS}，联系电话：13812345678。

2023年5月10日，本局执法人员对当事人经营场所进行检查。以上事实有现场笔录、询问笔录（被询问人欧阳娜娜，电话0591-87654321）为证。
当事人通过其个人银行卡6222 0212 3456 7890 102收取货款共计1234.50元。
依据《中华人民共和国食品安全法》第一百二十四条第一款，本局决定：没收违法所得1234.50元，罚款20000元。
本局联系电话：0591-83333333，电子邮箱：zhangsan@example.com。
福州市鼓楼区市场监督管理局
2023年6月1日
"""


@pytest.fixture
def decision():
    return redact(
        DECISION,
        names=["张三", "欧阳娜娜"],
        addresses=[ADDRESS],
        keep=["0591-83333333"],
    )


def masked(result, kind: str) -> list[tuple[str, str]]:
    return [(DECISION[f.start : f.end], f.replacement) for f in result.findings if f.kind == kind]


def test_penalty_decision_masks_each_kind(decision) -> None:
    assert masked(decision, "id_number") == [(ID_NUMBER, "350102***********4")]
    assert masked(decision, "mobile") == [("13812345678", "138****5678")]
    assert masked(decision, "landline") == [("0591-87654321", "0591-********")]
    assert masked(decision, "bank_card") == [("6222 0212 3456 7890 102", "**** **** **** ***0 102")]
    assert masked(decision, "email") == [("zhangsan@example.com", "z*******@example.com")]
    assert masked(decision, "name") == [("张三", "张*"), ("欧阳娜娜", "欧阳**")]
    assert masked(decision, "address") == [(ADDRESS, "福建省福州市鼓楼区鼓东街道****")]
    for finding in decision.findings:
        assert finding.replacement in decision.text


def test_penalty_decision_keeps_what_the_public_must_read(decision) -> None:
    text = decision.text
    for kept in (
        "榕鼓市监处罚〔2023〕123号",
        f"统一社会信用代码：{SHOP_USCC}",
        "福州市鼓楼区张三小吃店（个体工商户）",  # the shop's registered name contains 张三
        "2023年5月10日",
        "2023年6月1日",
        "1234.50元",
        "罚款20000元",
        "第一百二十四条第一款",
        "0591-83333333",  # the agency's own number, kept on request
    ):
        assert kept in text, kept
    assert ID_NUMBER not in text and "13812345678" not in text and "经营者：张*" in text


def test_each_finding_states_its_rule_and_ground(decision) -> None:
    # 第二十八条: ID numbers (特定身份) and bank cards (金融账户) are sensitive; the rest 第四条.
    for finding in decision.findings:
        expected = (
            GROUND_SENSITIVE if finding.kind in ("id_number", "bank_card") else GROUND_PERSONAL
        )
        assert finding.ground == expected
        assert finding.rule == RULES[finding.kind].rule
    assert GROUND_SENSITIVE == "《中华人民共和国个人信息保护法》第二十八条 敏感个人信息"


def test_offsets_are_in_the_original_text(decision) -> None:
    starts = [f.start for f in decision.findings]
    assert starts == sorted(starts)
    rebuilt, position = [], 0
    for f in decision.findings:
        rebuilt += [DECISION[position : f.start], f.replacement]
        position = f.end
    assert "".join([*rebuilt, DECISION[position:]]) == decision.text


def test_redacting_twice_changes_nothing(decision) -> None:
    again = redact(
        decision.text, names=["张三", "欧阳娜娜"], addresses=[ADDRESS], keep=["0591-83333333"]
    )
    assert again.text == decision.text and again.findings == ()


def test_credit_codes_are_never_taken_for_cards_or_ids() -> None:
    # 913501020000000162 is a valid credit code whose digits also pass the Luhn check.
    for code in (HUAWEI_USCC, "913501020000000162"):
        result = redact(f"当事人统一社会信用代码{code}，另一单位代码 {code}")
        assert result.text.count(code) == 2 and result.findings == ()


def test_a_number_valid_as_both_is_masked_unless_labelled_a_credit_code() -> None:
    # About one ID number in two hundred also passes the GB 32100 check; unlabelled it is
    # treated as the ID number it most likely is.
    for both in ("331102199003070829", "33110219900307001X"):
        assert redact(f"身份证号{both}").text == f"身份证号331102***********{both[-1]}"
        assert redact(f"统一社会信用代码：{both}").text == f"统一社会信用代码：{both}"


def test_id_numbers_with_a_wrong_check_digit_are_still_masked() -> None:
    typo = ID_NUMBER[:-1] + ("0" if ID_NUMBER[-1] != "0" else "1")
    result = redact(f"身份证号码{typo}")
    assert result.text == "身份证号码350102***********" + typo[-1]
    assert "校验码不符" in result.findings[0].rule


def test_old_fifteen_digit_id_numbers_but_not_registration_numbers() -> None:
    assert redact("身份证350102900307123").text == "身份证350102*********"
    assert redact("营业执照注册号350102100012345").findings == ()


def test_bank_cards_need_the_luhn_check() -> None:
    assert redact(f"卡号{CARD_19}").text == "卡号***************0102"
    assert redact("卡号6222021234567894").text == "卡号************7894"
    assert redact("订单编号6222021234567895").findings == ()  # fails Luhn: not a card


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("手机13812345678", "手机138****5678"),
        ("手机 138-1234-5678", "手机 138-****-5678"),
        ("+86 13812345678", "+86 138****5678"),
        ("电话（0591）87654321", "电话（0591）********"),
        ("电话010-62345678转123", "电话010-********转***"),
        ("邮箱 a.b@c.com.cn", "邮箱 a**@c.com.cn"),
    ],
)
def test_contact_details(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "罚款20000元，没收违法所得123456.78元",
        "于2023-06-01至2023-12-31期间",
        "日期20230601，时间12:30:45",
        "闽榕市监处罚〔2023〕12345号、（2024）闽01行终123号",
        "举报电话12345，服务热线400-123-4567",
        "第一百二十四条第一款第（三）项",
    ],
)
def test_numbers_that_are_not_personal_are_left_alone(text: str) -> None:
    assert redact(text).text == text


def test_names_only_where_given_and_not_inside_organisation_names() -> None:
    text = "张三在店内销售过期食品；张三餐饮有限公司不受影响；张三去公司上班；李四作证。"
    result = redact(text, names=["张三"])
    assert (
        result.text == "张*在店内销售过期食品；张三餐饮有限公司不受影响；张*去公司上班；李四作证。"
    )
    assert redact("张三医院就诊", names=["张三"]).text == "张*医院就诊"
    assert redact("张三诊所位于", names=["张三"]).text == "张三诊所位于"


def test_keep_protects_a_given_string() -> None:
    text = "王五律师事务所的王五律师"
    assert redact(text, names=["王五"], keep=["王五律师事务所"]).text == "王五律师事务所的王*律师"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("张三", "张*"),
        ("王小明", "王**"),
        ("欧阳娜娜", "欧阳**"),
        ("司马懿", "司马*"),
        ("欧阳", "欧*"),  # two characters: a surname 欧 and a given name 阳
        ("阿依古丽·买买提", "阿***·***"),
    ],
)
def test_mask_name_keeps_the_surname(name: str, expected: str) -> None:
    assert mask_name(name) == expected


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("福建省福州市鼓楼区鼓东街道东街88号", "福建省福州市鼓楼区鼓东街道****"),
        ("福建省福州市仓山区城门镇胪雷村23号", "福建省福州市仓山区城门镇****"),
        ("江苏省镇江市京口区正东路街道中山东路1号", "江苏省镇江市京口区正东路街道****"),
        ("四川省甘孜藏族自治州乡城县香巴拉镇某村5组", "四川省甘孜藏族自治州乡城县香巴拉镇****"),
        ("北京市朝阳区建国路88号", "北京市朝阳区****"),  # no township: keep the county
        ("南京市鼓楼区中山路1号", "南京市鼓楼区****"),
        ("某小区3栋", "****"),
    ],
)
def test_mask_address_keeps_down_to_the_township(address: str, expected: str) -> None:
    assert mask_address(address) == expected


def test_redact_fields_masks_structured_data() -> None:
    fields = {
        "party_name": "张三",
        "party_address": ADDRESS,
        "party_id": ID_NUMBER,
        "facts": f"经查，张三于{ADDRESS}无证经营，联系电话13812345678。",
        "shop": "福州市鼓楼区张三小吃店",
        "amount": 20000,
        "case_number": "榕鼓市监处罚〔2023〕123号",
    }
    out, findings = redact_fields(
        fields, name_fields=["party_name"], address_fields=["party_address"]
    )
    assert out["party_name"] == "张*"
    assert out["party_address"] == "福建省福州市鼓楼区鼓东街道****"
    assert out["party_id"] == "350102***********4"
    assert (
        out["facts"] == "经查，张*于福建省福州市鼓楼区鼓东街道****无证经营，联系电话138****5678。"
    )
    assert out["shop"] == "福州市鼓楼区张三小吃店"
    assert out["amount"] == 20000 and out["case_number"] == fields["case_number"]
    kinds = sorted((field, f.kind) for field, f in findings)
    assert kinds == [
        ("facts", "address"), ("facts", "mobile"), ("facts", "name"),
        ("party_address", "address"), ("party_id", "id_number"), ("party_name", "name"),
    ]  # fmt: skip
    for field, finding in findings:
        assert fields[field][finding.start : finding.end]


def test_an_organisation_in_a_name_field_is_not_masked() -> None:
    # The party of a decision may be an organisation; its name is published as registered.
    shop = "福州市鼓楼区张三小吃店（个体工商户）"
    out, findings = redact_fields({"party_name": shop}, name_fields=["party_name"])
    assert out == {"party_name": shop} and findings == []
    assert redact(f"当事人{shop}", names=[shop]).findings == ()


def test_redact_fields_scans_only_the_listed_text_fields() -> None:
    fields = {"facts": "电话13812345678", "internal_note": "电话13812345678"}
    out, _ = redact_fields(fields, text_fields=["facts"])
    assert out == {"facts": "电话138****5678", "internal_note": "电话13812345678"}
