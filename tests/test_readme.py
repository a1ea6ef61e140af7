"""The README keeps its promises: every dependency explained, and every one of them used."""

import re
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# Distribution name -> what the package's code imports (the model is loaded by name).
MODULES = {"beautifulsoup4": "bs4", "charset-normalizer": "charset_normalizer"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0]


RUNTIME = [_name(r) for r in PROJECT["dependencies"]]


@pytest.mark.parametrize("name", RUNTIME)
def test_readme_says_what_each_dependency_is_for(name):
    section = README.split("## Dependencies", 1)[1].split("\n## ", 1)[0]
    assert f"`{name}`" in section


@pytest.mark.parametrize("name", [n for n in RUNTIME if not n.startswith("en-core-web")])
def test_each_runtime_dependency_is_imported_by_the_package(name):
    module = MODULES.get(name, name.replace("-", "_"))
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "textfacts").rglob("*.py"))
    assert re.search(rf"^\s*(from|import) {module}\b", sources, re.M), f"{name} is never imported"


def test_base_model_named_in_the_config_is_a_dependency():
    config = (REPO / "models" / "customs-en" / "config.cfg").read_text(encoding="utf-8")
    base = re.search(r'pipeline = "([^"]+)"', config).group(1)
    assert base.replace("_", "-") in RUNTIME
