"""The static reader site (``site DIR``), read as files: every page parsed with the standard library's HTML parser.

Pages are well formed, in English, with one h1 and headings in order; every local link resolves to a file (and
anchor) of the site; nothing is loaded from another host; every cited passage is marked in its source's page; a
source whose license does not allow republishing shows only the sentences around its cited passages. The same
pages in a real browser: tests/test_site_browser.py.
"""

from __future__ import annotations

import ast
import re
import sys
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path
from urllib.parse import unquote, urlsplit

import attrs
import pytest

import cuba_iran_relations as cir
from cuba_iran_relations import _site
from cuba_iran_relations._sentences import split_sentences
from cuba_iran_relations._site import write_site
from cuba_iran_relations._words import date_words, name_of

WIKIPEDIA = "source:wikipedia-cuba-iran-relations"
EFE = "source:efe-14ymedio-2025-04-01"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Inserted into a source's text by the site, not the source's words: passage numbers, reasons, "[…]".
INSERTED = {"ref", "reason", "gap"}


class Page(HTMLParser):
    """One parsed page: its problems of nesting, language, headings, links, ids, visible text, and the text of
    its ``source-text`` block with which characters are inside ``<mark>``."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, set[str]]] = []
        self.problems: list[str] = []
        self.lang: str | None = None
        self.headings: list[int] = []
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.ids: list[str] = []
        self.hidden_ids: set[str] = set()
        self.text: list[str] = []  # the page's visible text, outside <script>, <style> and <svg>
        self.source_text: list[tuple[str, bool]] = []  # (text, marked) inside div.source-text, inserts left out
        self.feed(html)
        self.close()
        if self.stack:
            self.problems.append(f"unclosed: {[tag for tag, _ in self.stack]}")

    def inside(self, class_name: str) -> bool:
        return any(class_name in classes for _, classes in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang = attributes.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        for name in ("href", "src", "action", "srcset", "data", "poster"):
            if name in attributes:
                self.links.append((tag, name, attributes[name]))
        if "id" in attributes:
            self.ids.append(attributes["id"])
            if "hidden" in attributes:
                self.hidden_ids.add(attributes["id"])
        if tag not in VOID:
            self.stack.append((tag, set(attributes.get("class", "").split())))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()  # <line/> and <circle/> in the inline SVG

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if any(tag in ("script", "style", "svg") for tag, _ in self.stack):
            return
        self.text.append(data)
        if self.inside("source-text") and not any(self.inside(name) for name in INSERTED):
            marked = any(tag == "mark" for tag, _ in self.stack)
            self.source_text.append((data, marked))

    def visible_text(self) -> str:
        return " ".join(" ".join(self.text).split())


def page_of(record_id: str) -> str:
    prefix, _, slug = record_id.partition(":")
    return f"{prefix}/{slug}.html"


@pytest.fixture(scope="module")
def data() -> cir.Dataset:
    return cir.dataset()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, data: cir.Dataset) -> Path:
    folder = tmp_path_factory.mktemp("site")
    write_site(data, folder)
    return folder


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, Page]:
    return {path.relative_to(site).as_posix(): Page(path.read_text(encoding="utf-8")) for path in site.rglob("*.html")}


# --- every page ---------------------------------------------------------------------------------------------------


def test_every_page_is_well_formed_in_english_with_one_h1(pages: dict[str, Page]) -> None:
    assert len(pages) > 50
    for name, page in pages.items():
        assert page.problems == [], name
        assert page.lang == "en", name
        assert page.headings.count(1) == 1, name
        assert page.headings[0] == 1, name
        assert len(page.ids) == len(set(page.ids)), name


def test_headings_go_down_one_level_at_a_time(pages: dict[str, Page]) -> None:
    for name, page in pages.items():
        for above, below in zip(page.headings, page.headings[1:], strict=False):
            assert below <= above + 1, (name, page.headings)


def test_every_local_link_resolves_to_a_file_of_the_site_and_its_anchor(site: Path, pages: dict[str, Page]) -> None:
    checked = 0
    for name, page in pages.items():
        for tag, attribute, value in page.links:
            parts = urlsplit(value)
            if parts.scheme:  # a link out (the source's address) is not a resource: see the next test
                assert (tag, attribute, parts.scheme) == ("a", "href", "https"), (name, value)
                continue
            assert not parts.netloc, (name, value)
            assert not parts.path.startswith("/"), (name, value)  # relative, so portable
            target = (site / name).parent / unquote(parts.path) if parts.path else site / name
            assert target.resolve().is_relative_to(site.resolve()), (name, value)
            assert target.is_file(), (name, value)
            if parts.fragment:
                relative = target.resolve().relative_to(site.resolve()).as_posix()
                assert parts.fragment in pages[relative].ids, (name, value)
            checked += 1
    assert checked > 1000


def test_nothing_is_loaded_from_another_host_or_an_absolute_path(site: Path, pages: dict[str, Page]) -> None:
    for name, page in pages.items():
        for tag, attribute, value in page.links:
            if (tag, attribute) != ("a", "href"):
                assert not urlsplit(value).scheme, (name, tag, value)
                assert not value.startswith("/"), (name, tag, value)
    css = (site / "site.css").read_text(encoding="utf-8")
    assert "@import" not in css
    assert re.findall(r"url\(", css) == []
    everything = "".join(path.read_text(encoding="utf-8") for path in site.rglob("*") if path.is_file())
    assert str(site) not in everything
    assert "file://" not in everything


def test_the_filters_are_hidden_until_the_script_shows_them(pages: dict[str, Page], site: Path) -> None:
    assert "filters" in pages["index.html"].hidden_ids
    assert ("script", "src", "timeline.js") in pages["index.html"].links
    assert "@media print" in (site / "site.css").read_text(encoding="utf-8")


# --- the timeline and the record pages ------------------------------------------------------------------------------


def test_the_timeline_lists_every_event_in_order(pages: dict[str, Page], data: cir.Dataset) -> None:
    listed = [value for tag, _, value in pages["index.html"].links if tag == "a" and value.startswith("event/")]
    assert listed == [page_of(event.id) for event in data.events()]


def test_the_timeline_names_people_countries_and_places_not_ids(pages: dict[str, Page], data: cir.Dataset) -> None:
    text = pages["index.html"].visible_text()
    assert re.findall(r"\b(?:person|country|place|org):[a-z]", text) == []
    for record_id in ("person:bruno-rodriguez", "country:us", "place:havana-foreign-ministry-headquarters"):
        assert name_of(data.get(record_id)) in text
        assert ("a", "href", page_of(record_id)) in pages["index.html"].links


def test_dates_show_their_precision_and_a_relative_phrase_its_reference(pages: dict[str, Page]) -> None:
    timeline = pages["index.html"].visible_text()
    assert "2023 (known to the year) “Two years ago”, in a news report of 1 April 2025" in timeline
    assert "1 April 2025 (known to the day) “this Tuesday”, in a news report of 1 April 2025" in timeline
    assert "about January 2006 (known to the month)" in timeline
    visit = pages["event/2023-raisi-visit-to-cuba.html"]
    assert "“Two years ago”, in a news report of 1 April 2025" in visit.visible_text()


def test_every_record_has_a_page_at_its_kind_and_slug(pages: dict[str, Page], data: cir.Dataset) -> None:
    for record in data:
        assert page_of(record.id) in pages, record.id
    assert {name for name in pages if "/" in name} == {page_of(record.id) for record in data}


def test_a_record_page_gives_every_attribute_in_words_and_links_its_citations(pages: dict[str, Page]) -> None:
    page = pages["event/2008-iran-credit-line-to-cuba.html"]
    text = page.visible_text()
    for words in (
        "Who acted Iran",
        "Aimed at Cuba",
        "Amount 200,000,000 EUR",
        "CAMEO event code 071: ",
        "Kind credit grant",
    ):
        assert words in text
    assert ("a", "href", "../source/wikipedia-cuba-iran-relations.html#p1654-1751") in page.links


def test_each_citation_links_to_its_passage_in_the_source_page(pages: dict[str, Page], data: cir.Dataset) -> None:
    for record in data:
        links = pages[page_of(record.id)].links
        for citation in getattr(record, "citations", ()):
            href = f"../{page_of(citation.source_id)}#p{citation.start}-{citation.end}"
            assert ("a", "href", href) in links, (record.id, href)


def test_people_pages_say_what_they_did_and_said_and_what_was_said_about_them(pages: dict[str, Page]) -> None:
    diaz_canel = pages["person/miguel-diaz-canel.html"]
    text = diaz_canel.visible_text()
    assert "What Miguel Díaz-Canel did" in text
    assert "What Miguel Díaz-Canel said" in text
    assert ("a", "href", "../statement/diaz-canel-condemns-us-strikes.html") in diaz_canel.links
    us = pages["country/us.html"].visible_text()
    assert "What was said about United States" in us
    assert "What United States did" in us
    assert "Acts aimed at United States" in us


# --- the source pages -----------------------------------------------------------------------------------------------


def marked(page: Page) -> tuple[str, list[bool]]:
    """The text of a page's source block and, for each character, whether it is inside a ``<mark>``."""
    text = "".join(piece for piece, _ in page.source_text)
    mask = [is_marked for piece, is_marked in page.source_text for _ in piece]
    return text, mask


def test_every_cited_passage_is_marked_in_its_source_page(pages: dict[str, Page], data: cir.Dataset) -> None:
    checked = 0
    for source in data.sources():
        text, mask = marked(pages[page_of(source.id)])
        for record in data:
            for citation in getattr(record, "citations", ()):
                if citation.source_id != source.id:
                    continue
                found = [m.start() for m in re.finditer(re.escape(citation.quote), text)]
                assert any(all(mask[at : at + len(citation.quote)]) for at in found), (record.id, citation.quote)
                assert f"p{citation.start}-{citation.end}" in pages[page_of(source.id)].ids
                checked += 1
    assert checked > 50


def test_an_openly_licensed_source_is_shown_whole(site: Path, pages: dict[str, Page], data: cir.Dataset) -> None:
    source = data.get(WIKIPEDIA)
    assert isinstance(source, cir.Source)
    assert source.open_license
    text, _ = marked(pages[page_of(WIKIPEDIA)])
    for start, end in split_sentences(source.text):
        assert source.text[start:end] in text
    assert 'class="gap"' not in (site / page_of(WIKIPEDIA)).read_text(encoding="utf-8")


def test_the_efe_page_shows_no_text_outside_the_sentences_holding_a_cited_passage(
    pages: dict[str, Page], data: cir.Dataset
) -> None:
    source = data.get(EFE)
    assert isinstance(source, cir.Source)
    assert not source.open_license
    passages = [c for r in data for c in getattr(r, "citations", ()) if c.source_id == EFE]
    context = [
        source.text[a:b] for a, b in split_sentences(source.text) if any(c.start < b and a < c.end for c in passages)
    ]
    page = pages[page_of(EFE)]
    left = "".join(piece for piece, _ in page.source_text)
    for sentence in sorted(context, key=len, reverse=True):
        left = left.replace(sentence, "")
    assert left.split() == []
    assert "Attribution EFE, carried by 14ymedio" in page.visible_text()


def test_a_restricted_source_leaves_out_every_sentence_without_a_cited_passage(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    text = "First, cited here. Secret second sentence. Third, also cited.\nA whole secret line.\nLast cited line."
    (tmp_path / "texts" / "t.txt").write_text(text, encoding="utf-8")

    def source(license: str) -> cir.Source:
        return cir.Source(
            id="source:t", title="T", publisher="P", kind="news report", language="en", license=license,
            attribution="A", text_file="texts/t.txt", sha256="0" * 64, root=tmp_path,
        )  # fmt: skip

    def fact(slug: str, quote: str) -> cir.Fact:
        start = text.index(quote)
        citation = cir.Citation(source_id="source:t", quote=quote, start=start, end=start + len(quote))
        return cir.Fact(id=f"fact:{slug}", topic=cir.FactTopic.HISTORY, text=quote, citations=(citation,))

    facts = [fact("a", "cited here"), fact("b", "also cited"), fact("c", "Last cited")]
    for license, shown in (("All rights reserved", False), ("CC BY-SA 4.0", True)):
        folder = tmp_path / ("open" if shown else "closed")
        write_site(cir.Dataset(sources=[source(license)], facts=facts), folder)
        html = (folder / "source" / "t.html").read_text(encoding="utf-8")
        page = Page(html)
        visible, text_shown = page.visible_text(), "".join(piece for piece, _ in page.source_text)
        for sentence in ("First, cited here.", "Third, also cited.", "Last cited line."):
            assert sentence in text_shown
        for secret in ("Secret second sentence", "A whole secret line"):
            assert (secret in visible) is shown, (license, secret)
        assert html.count('<span class="gap">[…]</span>') == (0 if shown else 2)


def test_the_lines_no_record_cites_are_shown_with_their_reason(pages: dict[str, Page], data: cir.Dataset) -> None:
    text = pages[page_of(WIKIPEDIA)].visible_text()
    for line in data.uncited():
        assert line.source_id == WIKIPEDIA
        assert f"{line.text} (not cited: {line.reason})" in text
    assert "Every sentence is cited by a record." in pages[page_of(EFE)].visible_text()


def test_license_and_attribution_are_on_every_source_page(pages: dict[str, Page], data: cir.Dataset) -> None:
    for source in data.sources():
        text = pages[page_of(source.id)].visible_text()
        assert f"License: {' '.join(source.license.split())}" in text
        assert " ".join(source.attribution.split()) in text


# --- the rules, the function, the module ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edtf", "words"),
    [
        ("2025-04-01", "1 April 2025"),
        ("2006-01", "January 2006"),
        ("2006", "2006"),
        ("2023~", "about 2023"),
        ("2006?", "2006 (uncertain)"),
        ("201X", "2010–2019"),
        ("1975/1976", "1975 to 1976"),
        ("../1979", "on or before 1979"),
        ("1979/..", "1979 or later"),
    ],
)
def test_dates_in_words(edtf: str, words: str) -> None:
    assert date_words(cir.PartialDate(edtf)) == words


@pytest.mark.parametrize(
    ("license", "whole"),
    [
        ("CC BY-SA 4.0", True),
        ("CC BY 4.0", True),
        ("CC0 1.0", True),
        ("CC BY-NC 4.0", False),
        ("CC BY-ND 4.0", False),
        ("© EFE / 14ymedio; shipped for verification of quotes, with attribution", False),
    ],
)
def test_whole_texts_are_shown_for_licenses_that_allow_republishing(license: str, whole: bool) -> None:
    assert attrs.evolve(cir.dataset().sources()[0], license=license).open_license is whole


def test_writing_twice_gives_the_same_bytes(tmp_path: Path, data: cir.Dataset) -> None:
    first = write_site(data, tmp_path / "first")
    second = write_site(data, str(tmp_path / "second"))
    assert [p.relative_to(tmp_path / "first") for p in first] == [p.relative_to(tmp_path / "second") for p in second]
    for one, other in zip(first, second, strict=True):
        assert one.read_bytes() == other.read_bytes(), one


@pytest.mark.parametrize(
    ("path", "error"), [(42, TypeError), (None, TypeError), (b"site", TypeError), ("", ValueError)]
)
def test_a_bad_path_is_refused_naming_the_argument(path: object, error: type[Exception], data: cir.Dataset) -> None:
    with pytest.raises(error, match=r"^path: got"):
        write_site(data, path)  # type: ignore[arg-type]


def test_an_unwritable_folder_raises_oserror_naming_the_argument(tmp_path: Path, data: cir.Dataset) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(OSError, match=r"path: cannot write the site to .*a-file"):
        write_site(data, blocker)
    with pytest.raises(OSError, match=r"path: cannot write the site to .*a-file"):
        write_site(data, blocker / "site")


def test_the_site_module_imports_only_the_standard_library_and_lower_layers() -> None:
    tree = ast.parse(Path(_site.__file__).read_text(encoding="utf-8"))
    type_checking = {
        id(node)
        for block in tree.body
        if isinstance(block, ast.If) and getattr(block.test, "id", None) == "TYPE_CHECKING"
        for node in ast.walk(block)
    }
    imports = [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom) and id(n) not in type_checking]
    absolute = {a.name for n in imports if isinstance(n, ast.Import) for a in n.names}
    absolute |= {n.module for n in imports if isinstance(n, ast.ImportFrom) and n.level == 0 and n.module}
    assert {name.split(".")[0] for name in absolute} - {"__future__"} <= sys.stdlib_module_names
    package = {n.module for n in imports if isinstance(n, ast.ImportFrom) and n.level == 1}
    assert package & {"_api", "_dataset", "_cli", None} == set(), package


def test_the_templates_stylesheet_and_script_are_package_data() -> None:
    folder = files("cuba_iran_relations.site")
    for name in (
        "layout.html",
        "timeline.html",
        "record.html",
        "source.html",
        "listing.html",
        "site.css",
        "timeline.js",
    ):
        assert folder.joinpath(name).is_file(), name
