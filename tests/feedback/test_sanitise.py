"""clean_html against a corpus of hostile HTML, and its everyday behaviour for partners' text.

hostile_html.txt holds one payload per line. A line starting "ESC:" is written with Python escapes
(\\x00, \\t, \\u2028 ...) for characters that cannot sit in the file as themselves; the rest of
that line is decoded before use. Other lines are used exactly as written, backslashes included.
"""

from __future__ import annotations

import random
import re
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import pytest

from voice.feedback.sanitise import LINK_REL, MAX_INPUT_CHARS, clean_html, plain_text

CORPUS_FILE = Path(__file__).with_name("hostile_html.txt")
ESCAPED_PREFIX = "ESC:"

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a"}
ALLOWED_SCHEMES = ("https:", "http:", "mailto:", "tel:")
FORBIDDEN_TAGS = (
    "script", "iframe", "object", "embed", "svg", "math", "base", "meta", "link", "form", "input",
    "button", "template", "style",
)  # fmt: skip
BAD_SCHEME_RE = re.compile(r"(?:javascript|vbscript|data):", re.IGNORECASE)
EVENT_HANDLER_RE = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)


def _load_corpus() -> list[str]:
    raw = CORPUS_FILE.read_text(encoding="utf-8")
    assert raw.endswith("\n") and not raw.endswith("\n\n")
    payloads = []
    # split("\n"), not splitlines(): a payload may hold characters splitlines() treats as breaks.
    for line in raw[:-1].split("\n"):
        if line.startswith(ESCAPED_PREFIX):
            encoded = line[len(ESCAPED_PREFIX) :]
            assert encoded.isascii(), line
            line = encoded.encode("ascii").decode("unicode_escape")
        payloads.append(line)
    return payloads


CORPUS = _load_corpus()


class _Markup(HTMLParser):
    """Every tag, attribute and piece of tag source in a fragment, as html.parser sees it."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.start_tags: list[tuple[str, dict[str, str | None]]] = []
        self.end_tags: list[str] = []
        self.tag_source: list[str] = []
        self.comments: list[str] = []
        self.other: list[str] = []  # declarations, processing instructions, CDATA
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.start_tags.append((tag, dict(attrs)))
        self.tag_source.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.end_tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.comments.append(data)

    def handle_decl(self, decl):
        self.other.append(decl)

    def handle_pi(self, data):
        self.other.append(data)

    def unknown_decl(self, data):
        self.other.append(data)


def violations(html: str) -> list[str]:
    """What is unsafe or outside the allow-list in ``html``: an empty list means it is fine."""
    found = []
    lowered = html.lower()
    for tag in ("script", *FORBIDDEN_TAGS):
        if f"<{tag}" in lowered:
            found.append(f"<{tag} in the output")
    markup = _Markup(html)
    tag_source = " ".join(markup.tag_source)
    if EVENT_HANDLER_RE.search(tag_source):
        found.append(f"event handler in a tag: {tag_source!r}")
    if "style=" in tag_source.lower():
        found.append("style= in a tag")
    if markup.comments or markup.other:
        found.append(f"comment or declaration: {markup.comments + markup.other!r}")
    for tag, attrs in markup.start_tags:
        if tag not in ALLOWED_TAGS:
            found.append(f"tag {tag!r}")
        allowed_attrs = {"href", "rel"} if tag == "a" else set()
        for name in attrs:
            if name not in allowed_attrs:
                found.append(f"attribute {name!r} on {tag!r}")
        if tag == "a":
            href = attrs.get("href") or ""
            if BAD_SCHEME_RE.search(href):
                found.append(f"bad scheme in href {href!r}")
            if not href.lower().startswith(ALLOWED_SCHEMES):
                found.append(f"href without an allowed scheme: {href!r}")
            if attrs.get("rel") != LINK_REL:
                found.append(f"link without rel: {attrs!r}")
    for tag in markup.end_tags:
        if tag not in ALLOWED_TAGS:
            found.append(f"end tag {tag!r}")
    return found


# The corpus itself


def test_corpus_is_big_distinct_and_one_payload_a_line():
    assert len(CORPUS) >= 150
    assert len(set(CORPUS)) == len(CORPUS), "a payload appears twice"
    assert all(payload.strip() for payload in CORPUS)
    assert all("\n" not in line for line in CORPUS_FILE.read_text(encoding="utf-8")[:-1].split("\n"))


def test_escaped_lines_decode_to_the_characters_they_stand_for():
    assert "<img\x00src=x onerror=alert(1)>" in CORPUS
    assert '<a href="\u2028javascript:alert(1)">x</a>' in CORPUS
    # Unescaped lines keep their backslashes.
    assert '<a href="\\u006a\\u0061vascript:alert(1)">x</a>' in CORPUS


# Sanity: the checks would catch clean_html doing nothing


def test_the_checker_flags_the_raw_payloads():
    """If clean_html returned its input, the corpus tests below would fail for nearly every line."""
    flagged = [payload for payload in CORPUS if violations(payload)]
    assert len(flagged) >= 0.9 * len(CORPUS)
    assert violations('<img src=x onerror="alert(1)">')
    assert violations('<a href="javascript:alert(1)">x</a>')
    assert violations('<a href="https://example.org/">no rel</a>')
    assert violations('<p style="color:red">x</p>')


def test_clean_html_changes_hostile_input():
    payload = '<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a>'
    cleaned = clean_html(payload)
    assert cleaned != payload
    assert violations(cleaned) == []
    changed = [payload for payload in CORPUS if clean_html(payload) != payload]
    assert len(changed) == len(CORPUS)


# Every hostile payload


@pytest.mark.parametrize("payload", CORPUS, ids=range(len(CORPUS)))
def test_hostile_payload_is_made_safe(payload):
    cleaned = clean_html(payload)
    assert violations(cleaned) == [], f"{payload!r} -> {cleaned!r}"


@pytest.mark.parametrize("payload", CORPUS, ids=range(len(CORPUS)))
def test_hostile_payload_cleaning_is_idempotent(payload):
    once = clean_html(payload)
    assert clean_html(once) == once, f"{payload!r} -> {once!r}"


def test_corpus_wrapped_in_a_paragraph_and_all_together_is_safe():
    for payload in CORPUS:
        assert violations(clean_html(f"<p>Before {payload} after</p>")) == [], payload
    everything = "\n".join(CORPUS)
    cleaned = clean_html(everything)
    assert violations(cleaned) == []
    assert clean_html(cleaned) == cleaned


# Links


@pytest.mark.parametrize(
    "href",
    [
        "https://www.example.org/help?topic=bullying&age=11#top",
        "http://example.org/",
        "HTTPS://EXAMPLE.ORG/",
        "mailto:youthvoice@example.gov.uk",
        "tel:+441632960000",
    ],
)
def test_good_links_keep_their_href_and_get_the_rel(href):
    cleaned = clean_html(f'<p>See <a href="{href}" target="_blank" class="btn">this</a>.</p>')
    [(tag, attrs)] = [t for t in _Markup(cleaned).start_tags if t[0] == "a"]
    assert attrs == {"href": href, "rel": LINK_REL}
    assert violations(cleaned) == []


def test_an_existing_rel_is_replaced():
    cleaned = clean_html('<a href="https://example.org/" rel="opener">x</a>')
    assert cleaned == f'<p><a href="https://example.org/" rel="{LINK_REL}">x</a></p>'


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "&#106;avascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,hi",
        "/relative/page",
        "//evil.example/",
        "#top",
        "ftp://example.org/",
    ],
)
def test_other_links_lose_their_tag_but_keep_their_words(href):
    cleaned = clean_html(f'<p>Read <a href="{href}">this page</a> today</p>')
    assert cleaned == "<p>Read this page today</p>"


def test_an_href_is_written_as_the_browser_reads_it():
    cleaned = clean_html('<a href="&#x68;ttps://exa&#109;ple.org/a?b=1&amp;c=2">x</a>')
    assert f'href="https://example.org/a?b=1&amp;c=2" rel="{LINK_REL}"' in cleaned
    assert clean_html('<a href=" https://example.org/\n x ">y</a>').startswith(
        '<p><a href="https://example.org/ x"'
    )


# Layout of plain text and HTML


def test_plain_text_becomes_paragraphs_and_line_breaks():
    text = "Thank you for telling us.\n\nWe will:\nlight the park\nfix the bus shelter\n\n\n  Thanks  "
    assert clean_html(text) == (
        "<p>Thank you for telling us.</p><p>We will:<br>\nlight the park<br>\nfix the bus shelter</p>"
        "<p>Thanks</p>"
    )


def test_windows_line_endings_and_whitespace_only_lines_count_as_blank():
    assert clean_html("One\r\n \t \r\nTwo\rthree") == "<p>One</p><p>Two<br>\nthree</p>"


def test_plain_text_is_escaped_not_dropped():
    assert clean_html("5 < 6 & 7 > 3") == "<p>5 &lt; 6 &amp; 7 &gt; 3</p>"


def test_inline_markup_alone_still_gets_paragraphs():
    assert clean_html("We <strong>will</strong> act.\n\nSoon.") == (
        "<p>We <strong>will</strong> act.</p><p>Soon.</p>"
    )
    # An inline element spanning a blank line is closed and reopened in each paragraph.
    assert clean_html("<em>one\n\ntwo</em>") == "<p><em>one</em></p><p><em>two</em></p>"


def test_html_with_structure_is_kept_as_written():
    html = "<p>We heard you.</p>\n<ul><li>More <b>lights</b></li><li>Safer <i>crossings</i></li></ol>"
    assert clean_html(html) == (
        "<p>We heard you.</p>\n<ul><li>More <b>lights</b></li><li>Safer <i>crossings</i></li></ul>"
    )


def test_disallowed_tags_go_and_their_text_stays():
    # bleach ends a removed block-level element with a newline, which becomes a line break.
    assert clean_html("<h1>Title</h1><div><span>Body</span></div>") == "<p>Title<br>\nBody</p>"
    assert clean_html("<p>Hi<!-- internal note --> there</p>") == "<p>Hi there</p>"
    assert clean_html("<table><tr><td>cell</td></tr></table><p>x</p>") == "cell<p>x</p>"


def test_empty_paragraphs_and_empty_input():
    assert clean_html("") == ""
    assert clean_html("   \n\n  ") == ""
    assert clean_html("<p></p><p> </p>") == ""
    assert clean_html("<script></script>") == ""
    assert clean_html("<p></p>Hello") == "<p>Hello</p>"


GOOD_INPUTS = [
    "Thank you for telling us about the park.\n\nWe have asked the council to fix the lights.",
    "<p>You said buses are too expensive.</p><p>We <strong>did</strong> it: fares for under-16s are "
    "now £1.</p>",
    '<p>Find out more:</p><ol><li><a href="https://www.example.org/safe">Staying safe</a></li>'
    '<li><a href="tel:+441632960000">Call us</a></li></ol>',
    "We can't do this yet, and here's why:\nthe money runs out in March.",
    "Caf\u00e9s &amp; clubs &lt;open late&gt; &nbsp;from June \U0001f389",
    "<b>Bold</b> and <i>italic</i> and <em>emphasis</em>",
    '<p>Email <a href="mailto:voice@example.gov.uk?subject=Hi%20there">us</a></p>',
    "<p>Line one<br>Line two<br/>Line three</p>",
]


@pytest.mark.parametrize("text", GOOD_INPUTS)
def test_good_inputs_are_safe_and_idempotent(text):
    once = clean_html(text)
    assert violations(once) == []
    assert clean_html(once) == once
    assert plain_text(once)


def test_good_html_keeps_its_words():
    cleaned = clean_html(GOOD_INPUTS[1])
    assert cleaned == GOOD_INPUTS[1]
    assert (
        plain_text(cleaned) == "You said buses are too expensive. We did it: fares for under-16s are now £1."
    )


# Mixtures and threads


FRAGMENTS = [
    *("\n", "\n\n", "\n \n", " ", "\t", "&", "&amp;", "&#", ";", "<", ">", '"', "'", "text"),
    *("<p>", "</p>", "<p></p>", "<b>", "</b>", "<i>", "<em>", "</strong>", "<br>", "<li>", "</li>", "<ul>"),
    *("</ol>", '<a href="https://example.org/">', '<a href="https://example.org/\n\nx">', "</a>"),
    *("<!--", "-->", "<table>", "<td>", "<svg>", "<math>", "<style>", "<template>", "<ul>\n\n<li>"),
]


def test_random_mixtures_of_payloads_are_safe_and_idempotent():
    """Seeded mixtures of corpus lines, good inputs and loose fragments, sometimes cut short."""
    rnd = random.Random(20240611)
    pieces = CORPUS + GOOD_INPUTS + FRAGMENTS
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 10)))
        if rnd.random() < 0.3:
            text = text[: rnd.randint(0, len(text))]
        once = clean_html(text)
        assert violations(once) == [], f"{text!r} -> {once!r}"
        assert clean_html(once) == once, f"{text!r} -> {once!r}"


def test_cleaning_in_several_threads_at_once():
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(clean_html, CORPUS * 4))
    assert results == [clean_html(payload) for payload in CORPUS * 4]


# Length cap


def test_input_up_to_the_cap_is_cleaned():
    assert MAX_INPUT_CHARS == 20_000
    text = "<p>" + "a" * (MAX_INPUT_CHARS - len("<p></p>")) + "</p>"
    assert len(text) == MAX_INPUT_CHARS
    assert clean_html(text) == text


def test_input_over_the_cap_is_refused():
    with pytest.raises(ValueError, match="20,000"):
        clean_html("a" * (MAX_INPUT_CHARS + 1))


def test_input_that_grows_past_the_cap_when_cleaned_is_refused():
    """Cleaning can lengthen text; a result over the cap could not be cleaned again."""
    with pytest.raises(ValueError, match="too long"):
        clean_html("<" * MAX_INPUT_CHARS)  # each "<" becomes "&lt;"
    with pytest.raises(ValueError, match="too long"):
        clean_html("a" * MAX_INPUT_CHARS)  # plus <p></p>
    text = "a" * (MAX_INPUT_CHARS - len("<p></p>"))
    assert clean_html(clean_html(text)) == clean_html(text) == f"<p>{text}</p>"


def test_only_text_is_accepted():
    with pytest.raises(TypeError):
        clean_html(None)  # type: ignore[arg-type]


# plain_text


def test_plain_text_gives_visible_words_with_whitespace_collapsed():
    html = clean_html(
        "<p>Hello   <b>there</b>,</p><ul><li>one</li><li>two</li></ul>"
        '<p>See <a href="https://example.org/">the&nbsp;page</a> &amp; more<br>next line</p>'
    )
    assert plain_text(html) == "Hello there, one two See the page & more next line"


def test_plain_text_of_plain_paragraphs():
    assert plain_text(clean_html("First.\n\nSecond\nline.")) == "First. Second line."
    assert plain_text("") == ""


def test_plain_text_skips_script_and_style_if_given_raw_html():
    assert plain_text("<style>p{}</style><p>Hi</p><script>alert(1)</script>") == "Hi"
