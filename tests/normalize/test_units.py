import pytest

from textfacts.normalize.units import bound_of, bound_rows, percent_unit, singular, unit_lemma


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        pytest.param("economies", "economy", id="-ies"),
        pytest.param("measures", "measure", id="-es after e"),
        pytest.param("declarations", "declaration", id="-s"),
        pytest.param("businesses", "business", id="-sses"),
        pytest.param("batches", "batch", id="-ches"),
        pytest.param("boxes", "box", id="-xes"),
        pytest.param("times", "time", id="multiples"),
        pytest.param("people", "person", id="irregular"),
        pytest.param("Enterprises", "enterprise", id="lower-cased"),
        pytest.param("process", "process", id="-ss stays"),
        pytest.param("status", "status", id="-us"),
        pytest.param("analyses", "analysis", id="irregular -ses"),
    ],
)
def test_singular(word, lemma):
    assert singular(word) == lemma


@pytest.mark.parametrize(
    ("words", "lemma"),
    [
        pytest.param(["tons"], "ton", id="tons"),
        pytest.param(["tonnes"], "ton", id="tonnes"),
        pytest.param(["metric", "tons"], "ton", id="metric tons"),
        pytest.param(["TEUs"], "TEU", id="acronym keeps case"),
        pytest.param(["cubic", "meters"], "cubic meter", id="cubic meters"),
        pytest.param(["hours"], "hour", id="hours"),
        pytest.param(["times"], "time", id="times"),
        pytest.param(["fold"], "time", id="fold is a multiple"),
        pytest.param(["economies"], "economy", id="counted noun"),
        pytest.param(["countries", "and", "regions"], "country and region", id="coordinated"),
        pytest.param(
            ["ministries", "and", "commissions"], "ministry and commission", id="coordinated -ies"
        ),
        pytest.param(["countries", "or", "regions"], "country or region", id="coordinated or"),
    ],
)
def test_unit_lemma(words, lemma):
    assert unit_lemma(words) == lemma


@pytest.mark.parametrize(
    ("words", "unit"),
    [
        pytest.param(["%"], "percent", id="%"),
        pytest.param(["percent"], "percent", id="percent"),
        pytest.param(["per", "cent"], "percent", id="per cent"),
        pytest.param(["pct"], "percent", id="pct"),
        pytest.param(["percentage", "points"], "percentage_point", id="percentage points"),
        pytest.param(["percentage", "point"], "percentage_point", id="percentage point"),
        pytest.param(["tons"], None, id="not a percent"),
    ],
)
def test_percent_unit(words, unit):
    assert percent_unit(words) == unit


@pytest.mark.parametrize(
    ("surface", "bound"),
    [
        pytest.param("about", "approx", id="about"),
        pytest.param("an estimated", "approx", id="an estimated"),
        pytest.param("some", "approx", id="some"),
        pytest.param("nearly", "at_most", id="nearly"),
        pytest.param("close to", "at_most", id="close to"),
        pytest.param("up to", "at_most", id="up to"),
        pytest.param("More than", "at_least", id="More than (case)"),
        pytest.param("upwards of", "at_least", id="upwards of"),
        pytest.param("exceeded", "at_least", id="verb of passing"),
        pytest.param("topped", "at_least", id="topped"),
        pytest.param("+", "at_least", id="plus suffix"),
        pytest.param("rose", None, id="a change verb is no bound"),
        pytest.param("down", None, id="direction is the claim's"),
    ],
)
def test_bound_of(surface, bound):
    assert bound_of(surface) == bound


def test_bound_rows_cover_the_four_bounds_and_name_their_surface():
    rows = bound_rows()
    assert {r.bound for r in rows} == {"approx", "at_least", "at_most"}
    assert all(r.surface in r.example.lower() for r in rows)
