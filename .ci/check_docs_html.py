"""Check the built documentation as a reader meets it: every image described, the front page short, the copy
button set to leave prompts out, the release checklist built but not in the readers' navigation.

Usage: ``python .ci/check_docs_html.py docs/_build/html``. Prints each problem; exits 1 if there is any.
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path


class _Page(HTMLParser):
    """The images of a page with their alt text, the links of its sidebar, and the table-of-contents entries in
    its article."""

    def __init__(self) -> None:
        super().__init__()
        self.images: list[tuple[str, str]] = []  # (src, alt)
        self.sidebar_links: list[str] = []
        self.article_toc_entries = 0
        self._open: list[tuple[str, str]] = []  # (tag, class) of the open elements that matter here

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "img":
            self.images.append((values.get("src", ""), values.get("alt", "")))
            return
        classes = values.get("class", "")
        inside = {c for _, c in self._open}
        if tag == "a" and any("sidebar-tree" in c for c in inside):
            self.sidebar_links.append(values.get("href", ""))
        if tag == "li" and "toctree-l1" in classes and any(t == "article" for t, _ in self._open):
            self.article_toc_entries += 1
        if tag in ("article", "div", "nav", "aside"):
            self._open.append((tag, classes))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("article", "div", "nav", "aside") and self._open:
            self._open.pop()


def _page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def main(html_dir: str) -> int:
    root = Path(html_dir)
    problems: list[str] = []
    pages = sorted(root.rglob("*.html"))
    if not pages:
        problems.append(f"no HTML pages under {root}")
    for path in pages:
        for src, alt in _page(path).images:
            if not alt.strip() or alt.rsplit("/", 1)[-1] == src.rsplit("/", 1)[-1] or alt.endswith(".png"):
                problems.append(f"{path.relative_to(root)}: the image {src} has no description (alt {alt!r})")
    index = _page(root / "index.html")
    if index.article_toc_entries:
        problems.append(f"index.html: the front page repeats the table of contents ({index.article_toc_entries})")
    if not index.images:
        problems.append("index.html: the front page shows no screenshot of the reader")
    if not (root / "release-checklist.html").is_file():
        problems.append("release-checklist.html was not built")
    if any("release-checklist" in link for link in index.sidebar_links):
        problems.append("the release checklist is in the readers' navigation")
    if not index.sidebar_links:
        problems.append("index.html: no sidebar navigation found")
    # sphinx-copybutton writes its settings into copybutton.js: the prompts it strips are the first argument.
    copy_script = root / "_static" / "copybutton.js"
    if not copy_script.is_file() or "formatCopyText(text, '>>> |" not in copy_script.read_text(encoding="utf-8"):
        problems.append("the copy button is missing or does not strip the '>>> ' prompt")
    for line in problems:
        print(line, file=sys.stderr)
    if not problems:
        print(f"{len(pages)} pages: every image described, front page short, copy button strips prompts")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
