"""Layering: the schema, offsets, normalisation and scorer never import spaCy; the CLI
imports only the public API and the run-loop/evaluation entry points."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "textfacts"
LIGHT = ["schema.py", "offsets.py", "errors.py", "goldcheck.py", "normalize", "evaluate"]
HEAVY = {"spacy", "quantulum3", "thinc"}
CLI_ALLOWED = {
    "textfacts",
    "textfacts.batch",
    "textfacts.schema",
    "textfacts.evaluate.run",
    "textfacts.goldcheck",
    "textfacts.consolidate",
    "textfacts.view",
    "textfacts.labelstudio",
    "textfacts.tables",
    "textfacts.resources",  # model name and version for --version, without spaCy
}


def _modules(entry: str) -> list[Path]:
    path = PACKAGE / entry
    return sorted(path.rglob("*.py")) if path.is_dir() else [path]


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize(
    "path",
    [p for e in LIGHT for p in _modules(e) if p.exists()],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_light_modules_do_not_import_spacy(path):
    heavy = {name for name in _imports(path) if name.split(".")[0] in HEAVY}
    heavy |= {
        n for n in _imports(path) if n.startswith(("textfacts.components", "textfacts.pipeline"))
    }
    assert not heavy, f"{path.name} imports {heavy}"


def test_cli_imports_only_the_public_api():
    textfacts_imports = {n for n in _imports(PACKAGE / "cli.py") if n.startswith("textfacts")}
    assert textfacts_imports <= CLI_ALLOWED, textfacts_imports - CLI_ALLOWED
