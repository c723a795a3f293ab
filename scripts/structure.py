"""How the code is structured, as numbers a reviewer can re-run: lines per system app, imports
inside functions, and import cycles between files (module-level imports only, and counting the
imports inside functions too).

    .venv/bin/python scripts/structure.py [ROOT]   # ROOT defaults to fazhi/

Tests and migrations are left out. A cycle is a strongly connected set of two or more files
whose imports reach each other; a package's ``__init__`` importing its own submodules is not
counted as a cycle with them.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path


def modules(root: Path) -> dict[str, Path]:
    out = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root.parent).with_suffix("").parts
        if "tests" in parts or "migrations" in parts:
            continue
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def resolve(mod: str, is_pkg: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = mod.split(".") if is_pkg else mod.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(mod: str, path: Path, known: set[str]) -> tuple[set[str], set[str], int]:
    """(module-level targets, all targets, imports inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top: set[str] = set()
    every: set[str] = set()
    inner = 0
    is_pkg = path.name == "__init__.py"
    nested = {
        id(n)
        for f in ast.walk(tree)
        if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
        for n in ast.walk(f)
        if isinstance(n, ast.Import | ast.ImportFrom)
    }
    type_checking = {
        id(n)
        for i in ast.walk(tree)
        if isinstance(i, ast.If) and "TYPE_CHECKING" in ast.unparse(i.test)
        for n in ast.walk(i)
    }
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom) or id(node) in type_checking:
            continue
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            base = resolve(mod, is_pkg, node)
            names = [f"{base}.{a.name}" for a in node.names] + [base]
        targets = set()
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != mod and not mod.startswith(name + "."):
                targets.add(name)
        every |= targets
        if id(node) in nested:
            inner += 1
        else:
            top |= targets
    return top, every, inner


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in graph:
        if v not in index:
            visit(v)
    return out


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "fazhi").resolve()
    mods = modules(root)
    known = set(mods)
    top: dict[str, set[str]] = {}
    every: dict[str, set[str]] = {}
    inner_total = 0
    inner_by_app: dict[str, int] = defaultdict(int)
    for mod, path in mods.items():
        t, e, inner = imports(mod, path, known)
        # a package's __init__ re-exporting its submodules is not a cycle with them
        top[mod] = {x for x in t if not x.startswith(mod + ".")}
        every[mod] = {x for x in e if not x.startswith(mod + ".")}
        inner_total += inner
        inner_by_app[".".join(mod.split(".")[:3])] += inner
    print(f"function-level imports: {inner_total}")
    for app, n in sorted(inner_by_app.items(), key=lambda x: -x[1])[:12]:
        if n:
            print(f"  {app}: {n}")
    for label, graph in (("module-level", top), ("with function-level", every)):
        found = cycles(graph)
        files = sum(len(c) for c in found)
        print(f"import cycles ({label} imports): {len(found)} cycles over {files} files")
        for c in found:
            print("  " + " ↔ ".join(c))
    apps = root / "systems"
    if apps.is_dir():
        print("lines per system app (code, without tests and migrations):")
        for app in sorted(p for p in apps.iterdir() if p.is_dir() and not p.name.startswith("_")):
            n = sum(
                len(p.read_text(encoding="utf-8").splitlines())
                for p in app.rglob("*.py")
                if "tests" not in p.parts and "migrations" not in p.parts
            )
            print(f"  {app.name}: {n}")


if __name__ == "__main__":
    main()
