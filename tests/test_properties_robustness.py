"""Property tests: hostile text never makes extraction raise and offsets stay grounded."""

import string

from helpers import assert_grounded
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textfacts.errors import InputError
from textfacts.io import decode, html_to_text
from textfacts.schema import Document

# Fragments of the genre (written for these tests), so the components have something to
# match, mixed with what scraped pages throw at a parser.
GENRE = [
    "China's exports rose 7.1 percent",
    "to 25.45 trillion yuan",
    "in the first half of 2024",
    "the General Administration of Customs (GAC) said",
    "Lyu Daliang, GAC spokesperson,",
    "US$3.5 billion",
    "up 0.8 percentage points",
    "from January to May",
    "1.2 million tonnes",
    "we will strive to",
    "year on year",
    "Belt and Road Initiative",
    "Q3 2023",
    "Mr. Wang said",
]
HOSTILE = [
    "\u2028",
    "\u2029",
    "\u200b",
    "\u200c",
    "\u200d",
    "\ufeff",
    "\u200f",
    "\u200e",
    "\u202e",
    "\u0000",
    "\u0007",
    "\x1b[0m",
    "\x85",
    "\t",
    "\r\n",
    "\n\n",
    "\u00a0",
    "\u3000",
    '"',
    "'",
    "\u201c",
    "\u2019",
    "(",
    ")",
    "[",
    "%",
    "$",
    "\u00a5",
    "\u20ac",
    "-",
    "\u2013",
    "/",
    ".",
    "\U0001f4c8",
    "\u0301",
    "\ufffd",
    "\u6d77\u5173",
    "\u0627\u0644\u0635\u064a\u0646",
]
_FRAGMENT = st.one_of(
    st.sampled_from(GENRE),
    st.sampled_from(HOSTILE),
    st.text(string.ascii_letters + string.digits + " .,%$-", max_size=30),
    st.integers(min_value=10**39, max_value=10**40 - 1).map(str),  # 40-digit numbers
    st.integers(min_value=200, max_value=3000).map(lambda n: "x" * n),  # very long tokens
    st.integers(min_value=2, max_value=40).map(lambda n: "9." * n),
    st.text(max_size=20),  # any code points
)
HOSTILE_TEXT = st.lists(_FRAGMENT, min_size=1, max_size=25).map(" ".join)
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SETTINGS
@given(text=HOSTILE_TEXT)
def test_hostile_text_never_raises_and_stays_grounded(extractor, text):
    document = extractor(text, doc_id="hostile")
    assert document.text == text
    assert_grounded(document)
    Document.model_validate(document.to_dict())


@SETTINGS
@given(texts=st.lists(HOSTILE_TEXT, min_size=1, max_size=4))
def test_pipe_agrees_with_single_calls(extractor, texts):
    piped = list(extractor.pipe(texts))
    assert [d.text for d in piped] == texts
    for i, (document, text) in enumerate(zip(piped, texts, strict=True)):
        assert document.to_dict() == extractor(text, doc_id=f"doc{i}").to_dict()


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_utf8_bytes_decode_to_the_same_text_or_are_reported(text):
    try:
        assert decode(text.encode("utf-8")) == text
    except InputError as err:
        assert err.reason.startswith(("empty file", "binary"))


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes_decode_or_are_reported(data):
    try:
        assert isinstance(decode(data), str)
    except InputError as err:
        assert err.reason


@settings(max_examples=100, deadline=None)
@given(
    markup=st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "<p>",
                    "</p>",
                    "<div>",
                    "<br>",
                    "<b>",
                    "</b>",
                    "<script>",
                    "</script>",
                    "&amp;",
                    "&nbsp;",
                    "&#8217;",
                    "&bogus;",
                    "<!--",
                    "-->",
                    "<![CDATA[",
                    "<td>",
                    "<",
                    ">",
                    "<title>",
                    "</title>",
                    "<head>",
                ]
            ),
            st.sampled_from(GENRE),
            st.text(max_size=15),
        ),
        max_size=30,
    ).map("".join)
)
def test_html_to_text_never_raises(markup):
    text = html_to_text(markup)
    assert "\n\n\n" not in text
    assert text == text.strip()
