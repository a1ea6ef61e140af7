"""The windowed Matcher finds exactly what the Matcher finds on the whole Doc, in the same order.

The numbers component keeps the first of tied candidates, so the order of matches (and their
alignments) is part of its output, not only the set.
"""

from __future__ import annotations

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textfacts.components._windows import WindowedMatcher

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Words of the genre and the pieces figures are made of, drawn at random into token soups.
PIECES = [
    *"5 12 3.5 1,200 2024 0.8 15,000 2,517 300".split(),
    *"$ US$ RMB ¥ € HK$ yuan dollars U.S. euros pounds USD".split(),
    *"million billion trillion bn thousand percent per cent % points tons units".split(),
    *"a an one five twenty hundred half minus and or , to - – from between of in".split(),
    *"terms denominated number the exports imports rose fell firms ports trade".split(),
    *"customs new registered cross-border e-commerce packages enterprises by .".split(),
    "\n\n",
]


def _tagged(extractor, text: str):
    """A Doc tagged and parsed as the numbers component sees it."""
    doc = extractor.make_doc(text)
    for name, proc in extractor.nlp.pipeline:
        if name == "textfacts_numbers":
            return doc
        doc = proc(doc)
    raise AssertionError("no textfacts_numbers component")


def _both(extractor, text: str):
    matcher = extractor.nlp.get_pipe("textfacts_numbers").matcher
    doc = _tagged(extractor, text)
    return matcher.matcher(doc, with_alignments=True), matcher(doc), matcher.windows(doc), doc


def _grouped_as_whole(matcher, doc, whole) -> None:
    """Each group's matches are the whole-Doc matches of its patterns, in whole-Doc order.

    A pattern added `when` others match is left out where none of them matched.
    """
    grouped = matcher.grouped(doc)
    assert len(grouped) == len(matcher.groups) > 1
    keys = {m[0] for m in whole}
    unmet = {key for key, condition in matcher.when.items() if not condition & keys}
    for group, found in zip(matcher.groups.values(), grouped, strict=True):
        assert found == [m for m in whole if m[0] in group.keys and m[0] not in unmet]


@SETTINGS
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=60))
def test_same_matches_in_same_order_on_token_soups(extractor, pieces):
    whole, windowed, _, doc = _both(extractor, " ".join(pieces))
    assert windowed == whole
    _grouped_as_whole(extractor.nlp.get_pipe("textfacts_numbers").matcher, doc, whole)


@pytest.mark.parametrize(
    "text",
    [
        "Exports rose 4.6 percent to 3.2 trillion yuan in the first half, while imports fell.",
        "The port handled 1,200 new cross-border e-commerce packages and 35 tons of cargo.",
        "In U.S. dollar terms, trade reached 512.3 billion, up from $480 million a year ago.",
        "The number of registered enterprises grew to 6,300, between 5 and 7 percent more.",
        "Prices ranged from $5 to $9 a unit; a five per cent rise, minus 2.5 percent later.",
        "",
        "No figure at all here.",
    ],
)
def test_same_matches_on_sentences(extractor, text):
    whole, windowed, _, doc = _both(extractor, text)
    assert windowed == whole
    _grouped_as_whole(extractor.nlp.get_pipe("textfacts_numbers").matcher, doc, whole)


def test_windows_skip_stretches_no_pattern_can_match(extractor):
    text = (
        "The ministry said the work would continue. Exports rose 4.6 percent to 3.2 trillion yuan."
    )
    whole, _, windows, doc = _both(extractor, text)
    covered = sum(end - start for start, end in windows)
    assert whole and 0 < covered < len(doc) // 2
    assert all(any(s <= m[1] and m[2] <= e for s, e in windows) for m in whole)


def test_specs_it_cannot_bound_make_every_token_possible():
    nlp = spacy.blank("en")
    matcher = WindowedMatcher(nlp.vocab)
    matcher.add("sum", [{"LOWER": "plus"}, {"LOWER": {"NOT_IN": ["minus"]}}])
    doc = nlp("one plus two equals three")
    assert matcher.windows(doc) == [(1, 5)]  # "two" passes no positive test, yet may match
    assert matcher(doc) == matcher.matcher(doc, with_alignments=True)
    negated = WindowedMatcher(nlp.vocab)
    negated.add("not_a", [{"LOWER": "a", "OP": "!"}, {"LOWER": "b"}])
    doc = nlp("x b a b")
    assert negated.windows(doc) == [(0, 4)]
    assert negated(doc) == negated.matcher(doc, with_alignments=True)


def test_an_optional_first_token_lets_the_next_one_open_a_match():
    nlp = spacy.blank("en")
    matcher = WindowedMatcher(nlp.vocab)
    matcher.add(
        "signed", [{"LOWER": "minus", "OP": "?"}, {"LOWER": "five"}, {"LOWER": "x", "OP": "*"}]
    )
    doc = nlp("so five x x then minus five")
    assert matcher.windows(doc) == [(1, 4), (5, 7)]
    assert matcher(doc) == matcher.matcher(doc, with_alignments=True)
    assert sorted((s, e) for _, s, e, _ in matcher(doc)) == [(1, 2), (1, 3), (1, 4), (5, 7), (6, 7)]


def _figures(doc) -> list[tuple[int, int, str, dict]]:
    return [(s.start, s.end, s.label_, s._.textfacts) for s in doc.spans["textfacts_numbers"]]


@SETTINGS
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40))
def test_grouped_matching_gives_the_figures_whole_doc_matching_gives(extractor, pieces):
    numbers = extractor.nlp.get_pipe("textfacts_numbers")
    text = " ".join(pieces)
    grouped = _figures(numbers(_tagged(extractor, text)))
    doc = _tagged(extractor, text)
    assert numbers._read(doc, [numbers.matcher(doc)]) is not None
    numbers.matcher.grouped = lambda d: [numbers.matcher(d)]  # the whole-Doc order
    try:
        whole = _figures(numbers(doc))
    finally:
        del numbers.matcher.grouped
    assert grouped == whole


def test_a_tie_across_groups_falls_back_to_whole_doc_order(extractor):
    numbers = extractor.nlp.get_pipe("textfacts_numbers")
    doc = _tagged(extractor, "The inspection campaign lasted 100 days.")
    whole = numbers.matcher(doc)
    orders = {}
    for n, (key, start, end, alignment) in enumerate(whole):
        row, roles = numbers.roles[key]
        found = numbers._interpret(doc, row, start, end, [roles[i] for i in alignment])
        if found is not None:
            orders.setdefault(found.order, []).append(n)
    tied = next(ns for ns in orders.values() if len(ns) > 1)  # two readings of "100 days"
    assert numbers._read(doc, [whole]) is not None
    split = [[m for n, m in enumerate(whole) if n != tied[1]], [whole[tied[1]]]]
    assert numbers._read(doc, split) is None


# Names, titles and the words around them, for the entities component's Matcher.
NAME_PIECES = [
    *"General Administration of Customs Ministry Commerce the and for on in".split(),
    *"Shanghai Pilot Free Trade Zone Port Qingdao China ( ) Bonded Area Expo".split(),
    *"14th Fifteenth Five - Year Plan Law People's Republic Measures to Support".split(),
    *"Photo by LI MING / FOR DAILY By ZHONG NAN BEIJING , Nov. 7 titled Notice".split(),
    *"Department Bureau Division Northwest Central Work Conference Initiative".split(),
    *'U.S. dollars USD COVID-19 rose trade exports " “ ” .'.split(),
    "\n\n",
]


def _entity_matches(extractor, text: str):
    matcher = extractor.nlp.get_pipe("textfacts_entities").matcher
    doc = extractor.make_doc(text)
    for name, proc in extractor.nlp.pipeline:
        if name == "textfacts_entities":
            break
        doc = proc(doc)
    return matcher.matcher(doc), matcher(doc, with_alignments=False), matcher.windows(doc), doc


@SETTINGS
@given(st.lists(st.sampled_from(NAME_PIECES), min_size=1, max_size=50))
def test_greedy_matches_in_spacy_order_on_name_soups(extractor, pieces):
    whole, windowed, _, _ = _entity_matches(extractor, " ".join(pieces))
    assert [tuple(m) for m in windowed] == [tuple(m) for m in whole]


def test_name_windows_skip_plain_prose(extractor):
    text = (
        "Officials said the work would continue through the winter. The General "
        "Administration of Customs opened the Qingdao Port Bonded Area in March."
    )
    whole, windowed, windows, doc = _entity_matches(extractor, text)
    assert whole and [tuple(m) for m in windowed] == [tuple(m) for m in whole]
    assert sum(end - start for start, end in windows) < len(doc) // 2


def test_greedy_keys_keep_spacy_order_across_windows():
    nlp = spacy.blank("en")
    matcher = WindowedMatcher(nlp.vocab)
    matcher.add("short", [{"LOWER": "b"}, {"LOWER": "c", "OP": "?"}], greedy="LONGEST")
    matcher.add("long", [{"LOWER": "a"}, {"LOWER": "b", "OP": "+"}], greedy="LONGEST")
    matcher.add("plain", [{"LOWER": "c"}], group="c")
    doc = nlp("b c x a b b y b x a b c")
    assert len(matcher.windows(doc)) > 1
    assert matcher(doc, with_alignments=False) == matcher.matcher(doc)
    assert matcher(doc) == matcher.matcher(doc, with_alignments=True)
    with pytest.raises(ValueError, match="greedy"):
        matcher.grouped(doc)


def test_a_word_flag_bounds_a_spec_before_a_broad_tag_set():
    nlp = spacy.blank("en")
    doc = nlp("the Port opened")
    doc[0].pos_, doc[1].pos_, doc[2].pos_ = "DET", "PROPN", "NOUN"
    matcher = WindowedMatcher(nlp.vocab)
    matcher.add("named", [{"IS_TITLE": True, "POS": {"IN": ["PROPN", "NOUN"]}}])
    assert matcher.windows(doc) == [(1, 2)]  # "opened" is a NOUN here, but not title-cased


@SETTINGS
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40))
def test_a_reading_knows_its_candidates_span_and_order(extractor, pieces):
    numbers = extractor.nlp.get_pipe("textfacts_numbers")
    doc = _tagged(extractor, " ".join(pieces))
    _, _, readings = numbers._read(doc, [numbers.matcher(doc)])
    for reading in readings:
        found = numbers._interpret(doc, reading.row, reading.start, reading.end, reading.roles)
        if found is not None:
            assert (found.span.start, found.span.end) == (reading.span_start, reading.span_end)
            assert found.order == reading.order


# Patterns of every quantifier, for the per-stretch pattern subsets: a pattern runs only
# where each of its required words may be found, and the rest keep their order.
SOUP = "a b c d x y , .".split()
SUBSET_PATTERNS = [
    ("ab", [{"LOWER": "a"}, {"LOWER": "b"}], None),
    ("a_opt_c", [{"LOWER": "a"}, {"LOWER": "x", "OP": "?"}, {"LOWER": "c"}], None),
    ("b_star_d", [{"LOWER": "b"}, {"LOWER": "x", "OP": "*"}, {"LOWER": "d"}], None),
    ("c_plus", [{"LOWER": "c", "OP": "+"}, {"LOWER": "y", "OP": "?"}], None),
    ("not_a_then_d", [{"LOWER": "a", "OP": "!"}, {"LOWER": "d"}], None),
    ("x_or_y", [{"LOWER": {"IN": ["x", "y"]}}, {"ORTH": ","}], None),
    ("any_then_b", [{}, {"LOWER": "b"}], None),
    ("long_d", [{"LOWER": "d"}, {"LOWER": "d", "OP": "*"}], "LONGEST"),
]


def _subset_matcher(nlp, grouped: bool) -> WindowedMatcher:
    matcher = WindowedMatcher(nlp.vocab)
    for key, specs, greedy in SUBSET_PATTERNS:
        if grouped and greedy:
            continue
        matcher.add(key, specs, group=key[0] if grouped else None, greedy=greedy)
    return matcher


@SETTINGS
@given(st.lists(st.sampled_from(SOUP), min_size=1, max_size=30))
def test_pattern_subsets_match_as_the_whole_matcher(words):
    nlp = spacy.blank("en")
    doc = nlp.make_doc(" ".join(words))
    matcher = _subset_matcher(nlp, grouped=False)
    assert matcher(doc) == matcher.matcher(doc, with_alignments=True)
    assert matcher(doc, with_alignments=False) == matcher.matcher(doc)
    grouped = _subset_matcher(nlp, grouped=True)
    whole = grouped.matcher(doc, with_alignments=True)
    _grouped_as_whole(grouped, doc, whole)


def test_a_stretch_runs_only_the_patterns_it_may_hold():
    nlp = spacy.blank("en")
    matcher = _subset_matcher(nlp, grouped=False)
    doc = nlp.make_doc("a x c")
    assert matcher(doc) == matcher.matcher(doc, with_alignments=True)
    (built,) = matcher._built.values()
    # no "b", "d" or ",": only the patterns that need none of them
    assert sorted(k for k, _, _ in SUBSET_PATTERNS if k in built) == ["a_opt_c", "c_plus"]
    assert matcher(nlp.make_doc("x y")) == []
    assert len(matcher._built) == 1  # "x y" may hold no pattern: no Matcher is built or run


def test_a_lemma_bounds_a_spec_by_the_token_lemma():
    nlp = spacy.blank("en")
    doc = nlp.make_doc("he points out that she pointed at the out door")
    for token, lemma in zip(
        doc, "he point out that she point at the out door".split(), strict=True
    ):
        token.lemma_ = lemma
    matcher = WindowedMatcher(nlp.vocab)
    matcher.add("point_out", [{"LEMMA": "point"}, {"LOWER": "out"}], greedy="LONGEST")
    assert matcher.windows(doc) == [(1, 3), (5, 6)]  # "pointed" may open, "at" may not go on
    assert matcher(doc) == matcher.matcher(doc, with_alignments=True)
    assert [(s, e) for _, s, e in matcher(doc, with_alignments=False)] == [(1, 3)]


# Speech cues, credits and bylines, for the people component's Matcher.
PEOPLE_PIECES = [
    *"Li Guo Wang Wei said says added pointed out put forward according to the".split(),
    *"Photo by ZHANG WEI / FOR CHINA DAILY ( Xinhua / Zhou Li ) Editor : By Mr.".split(),
    *"customs will expand exports noted that he told reporters , . \n\n".split(" "),
]


@SETTINGS
@given(st.lists(st.sampled_from(PEOPLE_PIECES), min_size=1, max_size=40))
def test_people_cues_match_as_the_whole_matcher(extractor, pieces):
    matcher = extractor.nlp.get_pipe("textfacts_people").matcher
    doc = extractor.make_doc(" ".join(pieces))
    for name, proc in extractor.nlp.pipeline:
        if name == "textfacts_people":
            break
        doc = proc(doc)
    assert matcher(doc, with_alignments=False) == matcher.matcher(doc)


@pytest.mark.parametrize(
    ("text", "context_figures"),
    [
        ("The number of bonded warehouses in the province reached 412 by June.", 1),
        ("The province's bonded warehouses reached 412 by June.", 0),
        ("In US dollar terms, exports were 2,212.5 million in the first half.", 1),
        ("Exports were 2,212.5 million in the first half.", 0),
    ],
)
def test_figures_named_by_context_are_read_only_with_their_phrase(extractor, text, context_figures):
    numbers = extractor.nlp.get_pipe("textfacts_numbers")
    doc = _tagged(extractor, text)
    whole = numbers.matcher(doc)
    assert any(numbers.roles[key][0].context for key, *_ in whole)  # matched either way
    contexts, counts, readings = numbers._read(doc, [whole])
    assert bool(contexts or counts) == bool(context_figures)
    assert sum(r.row.context for r in readings) >= context_figures
    assert all(not r.row.context for r in readings) or contexts or counts
    figures = [s for s in numbers(doc).spans["textfacts_numbers"] if s._.textfacts.get("unit")]
    assert len(figures) == context_figures


def test_a_pattern_waiting_for_others_runs_only_where_one_matched():
    nlp = spacy.blank("en")
    matcher = WindowedMatcher(nlp.vocab)
    matcher.add("figure", [{"LIKE_NUM": True}], group="figure", when=["phrase", "other"])
    matcher.add("phrase", [{"LOWER": "number"}, {"LOWER": "of"}], group="phrase")
    matcher.add("other", [{"LOWER": "tally"}], group="other")
    matcher.add("plain", [{"LIKE_NUM": True}, {"LOWER": "firms"}], group="figure")
    without = nlp.make_doc("5 firms and 7 ports")
    assert matcher.grouped(without) == [[(matcher.vocab.strings["plain"], 0, 2, [0, 1])], [], []]
    with_phrase = nlp.make_doc("the number of firms rose to 5 firms")
    whole = matcher.matcher(with_phrase, with_alignments=True)
    _grouped_as_whole(matcher, with_phrase, whole)
    assert any(m[0] == matcher.vocab.strings["figure"] for m in matcher.grouped(with_phrase)[0])
    assert matcher(without) == matcher.matcher(without, with_alignments=True)  # all run
