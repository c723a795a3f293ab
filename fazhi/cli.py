"""The single ``fazhi`` command.

Kernel commands (``deadline``, ``rules``, ``validate``, ``redact``, ``ledger verify PATH``,
``report check FILE``) run without Django so that a verifier or a script needs nothing but the
package. Every other word is handed to Django's management commands (``fazhi migrate``,
``fazhi runserver``, ``fazhi ledger verify`` on the live database, …).
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

# word -> module under fazhi.kernel.commands (or a dotted path) exposing main(argv) -> int
KERNEL_COMMANDS: dict[str, str] = {
    "deadline": "fazhi.kernel.commands.deadline",
    "rules": "fazhi.kernel.commands.rules",
    "validate": "fazhi.kernel.commands.validate",
    "redact": "fazhi.kernel.commands.redact",
}


def _standalone(argv: list[str]) -> str | None:
    """Return the module that handles ``argv`` without Django, or None."""
    if not argv:
        return None
    if argv[0] in KERNEL_COMMANDS:
        return KERNEL_COMMANDS[argv[0]]
    # `fazhi ledger verify PATH` checks an exported bundle; without PATH it checks the live DB.
    if argv[:2] == ["ledger", "verify"] and len(argv) >= 3 and not argv[2].startswith("-"):
        return "fazhi.kernel.commands.ledger"
    # `fazhi report check FILE` works on a file alone (the platform comparison is optional).
    if argv[:2] == ["report", "check"]:
        return "fazhi.systems.reports.commands"
    return None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    module = _standalone(argv)
    if module is not None:
        return int(importlib.import_module(module).main(argv) or 0)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings.dev")
    sys.path.insert(0, str(Path.cwd()))
    from django.core.management import execute_from_command_line

    execute_from_command_line(["fazhi", *argv])
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
