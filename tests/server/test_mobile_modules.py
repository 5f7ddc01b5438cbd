"""The phone page's ES modules (server/web/js) form no import cycle: screens reach the page
around them through shell.js, never through main.js, which imports them."""

import re
from pathlib import Path

JS = Path(__file__).resolve().parents[2] / "server" / "web" / "js"
IMPORT = re.compile(r"""^\s*import\s[^;]*?from\s+["'](\.{1,2}/[^"']+)["']""", re.MULTILINE)


def imports_of(module: Path) -> list[Path]:
    return [(module.parent / target).resolve() for target in IMPORT.findall(module.read_text(encoding="utf-8"))]


def find_cycle(start: Path, root: Path = JS) -> list[str] | None:
    """The first cycle of imports reachable from `start`, as module names, or None."""
    done: set[Path] = set()

    def visit(module: Path, path: list[Path]) -> list[str] | None:
        if module in path:
            return [m.relative_to(root).as_posix() for m in [*path[path.index(module):], module]]
        if module in done:
            return None
        for target in imports_of(module):
            assert target.is_file(), f"{module.name} imports {target}, which does not exist"
            if cycle := visit(target, [*path, module]):
                return cycle
        done.add(module)
        return None

    return visit(start.resolve(), [])


def test_the_phone_page_has_no_import_cycle():
    assert find_cycle(JS / "main.js") is None, " -> ".join(find_cycle(JS / "main.js"))
    assert len(list(JS.rglob("*.js"))) > 10  # the page is really there


def test_a_cycle_would_be_found(tmp_path):
    (tmp_path / "a.js").write_text('import { b } from "./b.js";\n')
    (tmp_path / "b.js").write_text('import { c } from "./c.js";\nimport { a } from "./a.js";\n')
    (tmp_path / "c.js").write_text("export const c = 1;\n")
    root = tmp_path.resolve()
    assert find_cycle(root / "a.js", root) == ["a.js", "b.js", "a.js"]
