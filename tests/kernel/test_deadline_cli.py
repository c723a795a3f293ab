"""The ``fazhi deadline`` and ``fazhi rules`` commands (run through fazhi.cli, no Django)."""

from __future__ import annotations

import re

import pytest

from fazhi.cli import main as fazhi
from fazhi.kernel.timelimits import RULES

CJK = re.compile(r"[\u4e00-\u9fff]")


def run(capsys, *argv: str) -> tuple[int, list[str], str]:
    code = fazhi(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_prints_the_due_date(capsys) -> None:
    # 行政处罚法 第六十七条第三款: 9/23/2025 + 15 = 10/8 (国庆) → 10/9
    code, out, err = run(capsys, "deadline", "penalty.payment", "2025-09-23")
    assert (code, out, err) == (0, ["2025-10-09"], "")


def test_provisional_suffix(capsys) -> None:
    # 政府信息公开条例 第三十三条第二款: 20 WD from 12/10/2026 run into 2027 (no notice yet)
    code, out, _ = run(capsys, "deadline", "disclosure.answer", "2026-12-10")
    assert code == 0 and out[0] == "2027-01-08 provisional"


def test_explain_adds_the_trace(capsys) -> None:
    # 行政处罚法 第六十条: 1/5/2026 + 90 = 4/5 (Sun, 清明) → 4/7
    code, out, _ = run(capsys, "deadline", "penalty.decision", "2026-01-05", "--explain")
    assert code == 0
    assert out[0] == "2026-04-07"
    assert out[1].startswith("依据：《中华人民共和国行政处罚法》第六十条：「")
    assert "截止日期：2026-04-07（星期二）" in out


def test_suspend_restart_and_extended_options(capsys) -> None:
    # 政府信息公开条例 第三十三条第三款: consultation 2/10–2/14/2025 not counted → 2/28
    code, out, _ = run(
        capsys, "deadline", "disclosure.answer", "2025-01-20", "--suspend", "2025-02-10..2025-02-14"
    )
    assert (code, out) == (0, ["2025-02-28"])
    # 第三十条: restart on receipt of the 补正 (2/10) → 3/10; extended by 20 WD → 4/8
    code, out, _ = run(
        capsys, "deadline", "disclosure.answer", "2025-01-20", "--restart", "2025-02-10"
    )
    assert (code, out) == (0, ["2025-03-10"])
    code, out, _ = run(capsys, "deadline", "disclosure.answer", "2025-01-20", "--extended")
    assert (code, out) == (0, ["2025-03-21"])
    # 行政强制法 第二十五条: two suspensions, 9/10–9/14 and 9/16–9/20 (10 days) → 10/18 → 10/20
    code, out, _ = run(
        capsys,
        "deadline",
        "coercion.seizure",
        "2025-09-08",
        "--suspend",
        "2025-09-10..2025-09-14",
        "--suspend",
        "2025-09-16..2025-09-20",
    )
    assert (code, out) == (0, ["2025-10-20"])


@pytest.mark.parametrize(
    ("argv", "names"),
    [
        (["deadline", "penalty.nope", "2025-01-01"], "penalty.nope"),
        (["deadline", "penalty.payment", "2025-13-01"], "2025-13-01"),
        (["deadline", "penalty.payment", "20250101"], "20250101"),
        (["deadline", "penalty.payment", "2025-09-23", "--restart", "2025-9-30"], "2025-9-30"),
        (["deadline", "penalty.payment", "2025-09-23", "--suspend", "2025-09-25"], "2025-09-25"),
        (
            ["deadline", "penalty.payment", "2025-09-23", "--suspend", "2025-09-01..2025-09-02"],
            "2025-09-01..2025-09-02",
        ),
        (
            ["deadline", "penalty.payment", "2025-09-23", "--suspend", "2025-11-01..2025-11-02"],
            "2025-11-01..2025-11-02",
        ),
        (["deadline", "penalty.payment", "2025-09-23", "--extended"], "penalty.payment"),
        (["deadline", "penalty.payment"], "YYYY-MM-DD"),
        (["deadline", "penalty.payment", "2025-09-23", "--bogus"], "--bogus"),
        (["rules", "nosuchprefix"], "nosuchprefix"),
    ],
)
def test_errors_are_one_bilingual_line_with_exit_status_2(capsys, argv, names) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == []
    assert err.count("\n") == 1 and err.endswith("\n")
    assert names in err
    assert CJK.search(err) and re.search(r"[a-z]{4,}", err)  # Chinese and English


def test_rules_lists_the_whole_catalogue(capsys) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0
    assert [line.split("\t")[0] for line in out] == list(RULES)
    row = next(line.split("\t") for line in out if line.startswith("penalty.decision\t"))
    assert row[1:4] == ["calendar_days", "90", "《中华人民共和国行政处罚法》第六十条"]
    assert row[4].startswith("作出行政处罚决定")
    hearing = next(line for line in out if line.startswith("penalty.hearing_notice\t"))
    assert "\t7 before\t" in hearing
    report = next(line for line in out if line.startswith("report.annual_submission\t"))
    assert "\t03-01\t" in report


def test_rules_prefix_filter(capsys) -> None:
    code, out, _ = run(capsys, "rules", "petition.")
    assert code == 0 and out
    assert all(line.startswith("petition.") for line in out)
