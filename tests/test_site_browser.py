"""The reader site in a real browser: the system's Chromium, headless, driven by Playwright.

The timeline and both source pages (and a record page) render from ``file://`` with no console error and no
request leaving the site's folder; every link resolves; the cited passages are marked; axe-core finds no serious
or critical accessibility violation; the timeline reads in full without JavaScript, its filters work with it, and
print hides the navigation and the filters. A screenshot of each page is written to ``$CIR_SCREENSHOTS`` (default:
a temporary folder) for people to look at.

Playwright drives the Chromium found on the PATH (Debian's ``chromium`` package, which ``.ci/run`` installs, or
``chromium-browser`` or ``google-chrome``); it never downloads a browser (``playwright install`` is never run).
Without Chromium or the ``playwright`` package these tests skip, saying why (or fail, where
``$CIR_REQUIRE_BROWSER`` is set); the axe test also needs ``$CIR_AXE_JS``, the path to ``axe.min.js`` from the npm
package ``axe-core``. tests/test_site.py checks the same pages without a browser.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import urlsplit
from urllib.request import url2pathname

import pytest

import cuba_iran_relations as cir
from cuba_iran_relations._site import write_site

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# Debian's chromium (what .ci/run installs), or another Chromium-based browser already on the machine.
CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
EFE = "source/efe-14ymedio-2025-04-01.html"
WIKIPEDIA = "source/wikipedia-cuba-iran-relations.html"
RECORD = "event/2023-raisi-visit-to-cuba.html"
PAGES = ["index.html", EFE, WIKIPEDIA, RECORD]


def unavailable(reason: str) -> NoReturn:
    """Skip for want of a browser tool, or fail where ``$CIR_REQUIRE_BROWSER`` is set (``.ci/run`` sets it)."""
    if os.environ.get("CIR_REQUIRE_BROWSER"):
        pytest.fail(f"CIR_REQUIRE_BROWSER is set but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if CHROMIUM is None:
        unavailable("no chromium on PATH: install Debian's chromium package (.ci/run does) to run the browser tests")
    try:
        from playwright import sync_api
    except ImportError:
        unavailable("the playwright package (tests dependency group) is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    write_site(cir.dataset(), folder)
    return folder


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("CIR_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Visit:
    """A page opened in a fresh browser context, with what it reported: console errors, uncaught errors and
    every URL it requested."""

    def __init__(self, browser: Browser, path: Path, **options: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1100, "height": 900}, **options)
        self.page: Page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.goto(path.as_uri())


@pytest.fixture
def visit(browser: Browser, site: Path) -> Iterator[Any]:
    opened: list[Visit] = []

    def open_page(name: str, **options: Any) -> Visit:
        opened.append(Visit(browser, site / name, **options))
        return opened[-1]

    yield open_page
    for one in opened:
        one.context.close()


def screenshot_name(name: str) -> str:
    return name.removesuffix(".html").replace("/", "-") + ".png"


@pytest.mark.parametrize("name", PAGES)
def test_the_page_renders_with_no_error_and_no_request_outside_the_site(
    visit: Any, site: Path, screenshots: Path, name: str
) -> None:
    opened = visit(name)
    assert opened.errors == []
    root = site.resolve().as_uri()
    assert opened.requests, "the page made no request at all"
    assert [url for url in opened.requests if not url.startswith(root)] == []
    assert opened.page.locator("h1").count() == 1
    target = screenshots / screenshot_name(name)
    opened.page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000


@pytest.mark.parametrize("name", PAGES)
def test_every_link_on_the_page_resolves(visit: Any, site: Path, name: str) -> None:
    opened = visit(name)
    urls: list[str] = opened.page.eval_on_selector_all(
        "a[href], link[href], script[src], img[src]", "elements => elements.map(e => e.href || e.src)"
    )
    assert urls
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme == "https":  # a link to the source's address: followed only by the reader
            continue
        assert parts.scheme == "file", url
        target = Path(url2pathname(parts.path))  # on Windows /C:/... is C:\...
        assert target.is_file(), url
        assert target.resolve().is_relative_to(site.resolve()), url
        if parts.fragment:
            assert f'id="{parts.fragment}"' in target.read_text(encoding="utf-8"), url


@pytest.mark.parametrize("name", [EFE, WIKIPEDIA])
def test_the_cited_passages_are_marked(visit: Any, name: str) -> None:
    opened = visit(name)
    source_id = "source:" + name.removeprefix("source/").removesuffix(".html")
    citations = [c for r in cir.dataset() for c in getattr(r, "citations", ()) if c.source_id == source_id]
    assert citations
    marked = "".join(opened.page.locator(".source-text mark").all_text_contents())
    for citation in citations:
        assert citation.quote in marked
        assert opened.page.locator(f"[id='p{citation.start}-{citation.end}']").count() == 1
    assert opened.page.locator(".source-text mark").first.is_visible()


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_serious_or_critical_accessibility_violation(visit: Any, name: str) -> None:
    axe = os.environ.get("CIR_AXE_JS")
    if not axe or not Path(axe).is_file():
        unavailable("CIR_AXE_JS is not the path to axe.min.js (npm install axe-core; .ci/run sets it)")
    opened = visit(name)
    opened.page.add_script_tag(path=axe)
    results = opened.page.evaluate("() => axe.run(document)")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']}: {[node['target'] for node in v['nodes']]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert results["passes"]


def test_without_javascript_every_event_shows_and_the_filters_stay_hidden(visit: Any) -> None:
    opened = visit("index.html", java_script_enabled=False)
    events = opened.page.locator("li.event")
    assert events.count() == len(cir.events())
    assert all(events.nth(i).is_visible() for i in range(events.count()))
    assert not opened.page.locator("#filters").is_visible()


def test_the_filters_show_the_events_of_one_kind_and_one_year(visit: Any) -> None:
    opened = visit("index.html")
    page, total = opened.page, len(cir.events())
    assert page.locator("#filters").is_visible()
    assert page.locator("#filter-status").text_content() == f"Showing all {total} events."
    page.select_option("#filter-kind", "agreement_signing")
    signings = [e for e in cir.events() if e.kind is cir.EventKind.AGREEMENT_SIGNING]
    assert page.locator("li.event:visible").count() == len(signings)
    page.select_option("#filter-year", "2023")
    in_2023 = [e for e in signings if e.date.earliest.year == 2023]
    assert page.locator("li.event:visible").count() == len(in_2023) > 0
    assert page.locator("section.year:visible h2").all_text_contents() == ["2023"]
    assert page.locator("#filter-status").text_content() == f"Showing {len(in_2023)} of {total} events."
    page.select_option("#filter-kind", "")
    page.select_option("#filter-year", "")
    assert page.locator("li.event:visible").count() == total
    assert opened.errors == []


def test_the_keyboard_reaches_the_skip_link_first_and_it_moves_focus_to_the_content(visit: Any) -> None:
    page = visit("index.html").page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


@pytest.mark.parametrize("name", ["index.html", EFE])
def test_print_hides_the_navigation_and_the_filters_and_keeps_the_marks(
    visit: Any, screenshots: Path, name: str
) -> None:
    opened = visit(name)
    page = opened.page
    page.emulate_media(media="print")
    assert not page.locator("nav").first.is_visible()
    assert not page.locator("#filters").is_visible()
    assert page.locator("main").is_visible()
    if name == EFE:
        background = page.locator(".source-text mark").first.evaluate("m => getComputedStyle(m).backgroundColor")
        assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=str(screenshots / screenshot_name(name).replace(".png", "-print.png")), full_page=True)
