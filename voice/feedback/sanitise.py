"""Partners' rich text, made safe for the public pages children read.

Police, NHS and council staff write responses that are published as HTML. ``clean_html`` keeps a
small allow-list and removes everything else with bleach:

* tags: p, br, strong, em, b, i, ul, ol, li and a. Any other tag is removed and its text kept
  (so ``<script>x</script>`` becomes the harmless text ``x``); comments are removed.
* attributes: only ``href`` on ``a``, and only an absolute http, https, mailto or tel address.
  The address is entity-decoded, has tabs and newlines removed and leading and trailing control
  characters and spaces trimmed (as a browser would) before its scheme is checked, and it is that
  decoded form which is written out, so what was checked is what the browser follows. Relative
  addresses are dropped too. A link that loses its href is unwrapped (its text kept), and every
  link that stays gets ``rel="nofollow noopener noreferrer"``.
* plain text (no p, br, ul, ol or li in it) is laid out as paragraphs: a blank line starts a new
  ``<p>``, a single newline becomes ``<br>``. Text that already has that structure is kept as it
  was written.

``clean_html`` is idempotent, so cleaning again when a response is approved, or cleaning stored
text a second time, changes nothing. ``plain_text`` gives the visible words of cleaned HTML, for
reading-level checks and Atom feed summaries.
"""

from __future__ import annotations

import re
import threading
from html.parser import HTMLParser

from bleach.html5lib_shim import Filter, convert_entities
from bleach.sanitizer import Cleaner

ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a"})
ALLOWED_ATTRIBUTES = {"a": ["href"]}
ALLOWED_PROTOCOLS = frozenset({"https", "http", "mailto", "tel"})
LINK_REL = "nofollow noopener noreferrer"
MAX_INPUT_CHARS = 20_000

# C0 control characters other than tab, newline and carriage return, and DEL: never meaningful
# in a response, and the classic way to hide a scheme from a naive check ("java\x00script:").
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# What a browser's URL parser trims from both ends of an address (C0 controls and space) and
# removes from anywhere inside it (tab, newline, carriage return).
_URL_TRIM = "".join(chr(code) for code in range(0x21))
_URL_TAB_NEWLINE_RE = re.compile(r"[\t\n\r]")
_SAFE_HREF_RE = re.compile(r"(?:https?|mailto|tel):", re.IGNORECASE)
# In cleaned output every "<" in text or in an attribute value is escaped, so a literal "<" always
# starts a real (allowed) tag.
_BLOCK_TAG_RE = re.compile(r"<(?:p|br|ul|ol|li)[\s/>]", re.IGNORECASE)
_BLANK_LINE_RE = re.compile(r"\n\s*\n")
_EMPTY_PARAGRAPH_RE = re.compile(r"<p>\s*</p>")


def _safe_href(value: str | None) -> str | None:
    """The address a browser would follow for this href, if it is one we allow; otherwise None."""
    if not value:
        return None
    url = convert_entities(value)
    url = _CONTROL_RE.sub("", _URL_TAB_NEWLINE_RE.sub("", url)).strip(_URL_TRIM)
    if not _SAFE_HREF_RE.match(url):
        return None
    return url


class _LinkFilter(Filter):
    """Runs after bleach's sanitiser: checks each link's href again, writes it in its decoded form
    and adds the rel; unwraps any ``a`` left without a usable href (keeping its text)."""

    def __iter__(self):
        kept_links: list[bool] = []  # for each open <a>, whether its start tag was kept
        for token in super().__iter__():
            kind = token["type"]
            if token.get("name") != "a" or kind not in ("StartTag", "EmptyTag", "EndTag"):
                yield token
            elif kind == "EndTag":
                if kept_links and kept_links.pop():
                    yield token
            else:
                href = _safe_href((token.get("data") or {}).get((None, "href")))
                if kind == "StartTag":
                    kept_links.append(href is not None)
                if href is not None:
                    token["data"] = {(None, "href"): href, (None, "rel"): LINK_REL}
                    yield token


# bleach's Cleaner keeps parser state and is not thread-safe; Starlette runs sync code in a
# thread pool, so each thread gets its own.
_local = threading.local()


def _cleaner() -> Cleaner:
    cleaner = getattr(_local, "cleaner", None)
    if cleaner is None:
        cleaner = Cleaner(
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            protocols=ALLOWED_PROTOCOLS,
            strip=True,
            strip_comments=True,
            filters=[_LinkFilter],
        )
        _local.cleaner = cleaner
    return cleaner


def _clean(text: str) -> str:
    # Empty paragraphs go before clean_html decides on the layout, so that cleaning its result
    # again decides the same way.
    return _EMPTY_PARAGRAPH_RE.sub("", _cleaner().clean(text)).strip()


def _paragraphs(html: str) -> str:
    """Lay out cleaned text with no block structure: blank lines part paragraphs, newlines break."""
    paragraphs = []
    for block in _BLANK_LINE_RE.split(html):
        lines = [line.strip() for line in block.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            paragraphs.append("<p>" + "<br>\n".join(lines) + "</p>")
    # No newline between paragraphs: the parser would carry an open inline element over to it.
    return "".join(paragraphs)


def clean_html(text: str) -> str:
    """Partner-written text or HTML as safe HTML for a public page (see the module docstring).

    Raises ValueError if ``text``, or the HTML made from it, is longer than MAX_INPUT_CHARS. The
    second check matters because cleaning can lengthen text ("<" becomes "&lt;", a newline
    "<br>\n"): refusing such a result keeps every result short enough to be cleaned again.
    """
    if not isinstance(text, str):
        raise TypeError(f"clean_html needs text, not {type(text).__name__}")
    if len(text) > MAX_INPUT_CHARS:
        raise ValueError(
            f"This text is too long: it has {len(text):,} characters and the most allowed is "
            f"{MAX_INPUT_CHARS:,}."
        )
    text = _CONTROL_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    html = _clean(text)
    if html and not _BLOCK_TAG_RE.search(html):
        # Splitting may cut an inline element (<b>a\n\nb</b>) in two; cleaning again lets the
        # HTML parser close and reopen it in each paragraph.
        html = _clean(_paragraphs(html))
    if len(html) > MAX_INPUT_CHARS:
        raise ValueError(
            f"This text is too long once set out for the web page: it comes to {len(html):,} "
            f"characters and the most allowed is {MAX_INPUT_CHARS:,}. Please shorten it."
        )
    return html


_TEXT_BREAK_TAGS = frozenset(
    {"p", "br", "li", "ul", "ol", "div", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th"}
)
_TEXT_SKIP_TAGS = frozenset({"script", "style", "template"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _TEXT_BREAK_TAGS:
            self.parts.append(" ")
        if tag in _TEXT_SKIP_TAGS:
            self._skipping += 1

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _TEXT_BREAK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _TEXT_BREAK_TAGS:
            self.parts.append(" ")
        if tag in _TEXT_SKIP_TAGS and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def plain_text(html: str) -> str:
    """The visible words of (cleaned) HTML, entities decoded and whitespace collapsed to single
    spaces. The result is plain text: escape it again wherever it is put into HTML or XML."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return " ".join("".join(extractor.parts).split())
