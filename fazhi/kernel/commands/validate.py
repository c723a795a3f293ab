"""``fazhi validate uscc|id|division VALUE``: check one identifier.

Prints ``ok`` and exits 0, or prints the Chinese reason (naming the rule and the standard) and
exits 1; exits 2 on usage errors.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from fazhi.kernel import ids

CHECKS: dict[str, tuple[Callable[[str], ids.Check], str]] = {
    "uscc": (ids.check_uscc, "统一社会信用代码"),
    "id": (ids.check_id_number, "公民身份号码"),
    "division": (ids.check_division_code, "行政区划代码"),
}
USAGE = "fazhi validate uscc|id|division VALUE"


def main(argv: list[str]) -> int:
    """Run ``fazhi validate``; ``argv`` includes the word ``validate``."""
    words = argv[1:] if argv[:1] == ["validate"] else argv
    if len(words) != 2 or words[0] not in CHECKS:
        print(
            f"用法错误：应为 {USAGE}（uscc 统一社会信用代码，id 公民身份号码，division 行政区划代码） / "
            f"usage: {USAGE}",
            file=sys.stderr,
        )
        return 2
    kind, value = words
    check, _ = CHECKS[kind]
    result = check(value)
    print("ok" if result.ok else result.reason)
    return 0 if result.ok else 1
