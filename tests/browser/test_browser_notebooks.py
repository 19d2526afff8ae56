"""Browser layer: what a student and an instructor see, in headless Chromium.

For every course notebook (what to do in each is declared in browser_checks.py):

* JupyterLab, started by the tests on a free loopback port with the token off,
  opens the notebook in a workspace of its own, clears the outputs and runs all
  cells; no cell may fail. No control's label may be cut off. Then one or more
  controls of each widget are moved through the page and the test waits until
  the widget shows the text computed by ``crmlib`` for the new input. Widgets
  declared with ``chinese_glyphs`` must draw their Chinese labels with a CJK
  font (not as empty boxes).
* Notebooks declared with ``present=True`` get the same widget checks in the
  presentation mode (Voila with the kit's template, as ``make present``), where
  no code may show.
* The handouts (``make handouts``) of every notebook are opened from disk and
  every formula must be typeset; without a browser, their HTML must load
  nothing from the internet and show every widget as a snapshot.

In every page a console error, an uncaught exception or a request to any
address other than this computer fails the test (the browser cannot resolve
other names anyway: an offline classroom). A screenshot of every widget checked
goes to tests/browser/screenshots/ (not versioned).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from .browser_checks import NOTEBOOKS, Notebook
from .browser_harness import (
    CJK,
    ROOT,
    WIDGET_ROOT,
    PageWatch,
    api,
    cjk_font_families,
    glyph_fonts,
    set_control,
    shut_down_sessions,
)

COURSE = sorted((ROOT / "notebooks").glob("*.ipynb"))
PRESENTED = [p for p in COURSE if p.stem in NOTEBOOKS and NOTEBOOKS[p.stem].present]
VIEWPORT = {"width": 1400, "height": 1200}
WAIT_MS = 30_000

_ALL_RUN = """() => {
  const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
      .map(p => p.textContent.trim());
  const errors = document.querySelectorAll(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').length;
  if (prompts.length === 0 || prompts.some(p => p === '[*]:')) return false;
  return errors > 0 || prompts.every(p => /^\\[\\d+\\]:$/.test(p));
}"""


#: labels shown but too narrow for their text (drawn with an ellipsis)
_CUT_LABELS = """els => els
    .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.textContent)"""


def _entry(path: Path) -> Notebook:
    if path.stem not in NOTEBOOKS:
        pytest.fail(f"{path.name} has no entry in tests/browser/browser_checks.py NOTEBOOKS: "
                    "declare which control of each widget to move (see tests/browser/README.md)")
    return NOTEBOOKS[path.stem]


def test_every_course_notebook_has_a_browser_check():
    missing = sorted(p.name for p in COURSE if p.stem not in NOTEBOOKS)
    stale = sorted(set(NOTEBOOKS) - {p.stem for p in COURSE})
    assert not missing, f"add an entry to tests/browser/browser_checks.py for {missing}"
    assert not stale, f"browser_checks.py names notebooks that do not exist: {stale}"


def _menu(page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(rf"^{menu}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(rf"^{re.escape(item)}$")).click()


def _wait_for_idle_kernel(lab_url: str, timeout: float = 60) -> None:
    deadline, kernels = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        try:
            kernels = api(f"{lab_url}/api/kernels")
        except OSError:  # a busy server may drop a request; ask again
            kernels = None
        if kernels and len(kernels) == 1 and kernels[0]["execution_state"] == "idle":  # type: ignore[index,arg-type]
            return
        time.sleep(0.3)
    raise AssertionError(f"the notebook's kernel did not become idle: {kernels}")


def _check_widgets(page, entry: Notebook, shots: Path, prefix: str) -> None:
    """Move the declared controls of every widget and wait for the text crmlib computes."""
    from playwright.sync_api import expect

    roots = page.locator(WIDGET_ROOT)
    expect(roots).to_have_count(len(entry.widgets), timeout=WAIT_MS)
    for i, declared in enumerate(entry.widgets):
        widget = roots.nth(i)
        widget.scroll_into_view_if_needed()
        for move in declared.moves:
            set_control(widget, move.control, move.value, move.occurrence)
        cut = widget.locator("label.widget-label").evaluate_all(_CUT_LABELS)
        assert not cut, f"widget {i}: labels cut off (widen its description_width): {cut}"
        wanted = declared.expect()
        for text in (wanted,) if isinstance(wanted, str) else wanted:
            expect(widget).to_contain_text(text, timeout=WAIT_MS)
        if declared.chinese_glyphs:
            _check_chinese_glyphs(page, widget)
        widget.screenshot(path=str(shots / f"{prefix}-{i}.png"))


def _check_chinese_glyphs(page, widget) -> None:
    families = cjk_font_families()
    labels = [el for el in widget.locator("label.widget-label").all()
              if CJK.search(el.inner_text())]
    assert labels, "the widget shows no Chinese label"
    for element in labels:
        text = element.inner_text()
        fonts = glyph_fonts(page, element)
        drawn = sum(f["glyphCount"] for f in fonts if f["familyName"] in families)
        assert drawn >= len(CJK.findall(text)), (
            f"Chinese label {text!r} drawn with {fonts}: its characters show as boxes "
            f"(no font with Chinese glyphs among {sorted(families) or 'none'}; "
            "apt-get install fonts-noto-cjk)")


@pytest.mark.parametrize("path", COURSE, ids=lambda p: p.stem)
def test_notebook_runs_and_widgets_answer_in_jupyterlab(path, browser, lab_url, screenshots):
    entry = _entry(path)
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    watch = PageWatch(page)
    try:
        # a workspace of its own: one notebook per workspace, so the kernel state is its own
        page.goto(f"{lab_url}/lab/workspaces/{path.stem}/tree/{path.name}?reset")
        page.locator(".jp-NotebookPanel .jp-CodeCell").first.wait_for(timeout=60_000)
        _wait_for_idle_kernel(lab_url)
        _menu(page, "Edit", "Clear Outputs of All Cells")
        _menu(page, "Run", "Run All Cells")
        page.wait_for_function(_ALL_RUN, timeout=entry.run_timeout * 1000, polling=250)
        errors = page.locator(
            '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
        assert errors.count() == 0, f"a cell failed:\n{errors.first.inner_text()[:2000]}"
        _check_widgets(page, entry, screenshots, f"lab-{path.stem}")
        # the kit's settings overrides (make lab): JupyterLab does not ask about its news feed
        assert page.get_by_text("official Jupyter news").count() == 0
        assert not watch.problems, "\n".join(watch.problems)
    finally:
        context.close()
        shut_down_sessions(lab_url)


def test_presentation_mode_lists_every_notebook(browser, voila_url, screenshots):
    page = browser.new_page(viewport=VIEWPORT)
    watch = PageWatch(page)
    try:
        page.goto(f"{voila_url}/")
        for path in COURSE:
            link = page.get_by_role("link", name=path.name)
            assert link.get_attribute("href").endswith(f"/voila/render/{path.name}?"), (
                f"no link to {path.name} on the index page")
        page.screenshot(path=str(screenshots / "present-index.png"))
        assert not watch.problems, "\n".join(watch.problems)
    finally:
        page.close()


@pytest.mark.parametrize("path", PRESENTED, ids=lambda p: p.stem)
def test_widgets_answer_in_presentation_mode(path, browser, voila_url, screenshots):
    entry = _entry(path)
    page = browser.new_page(viewport=VIEWPORT)
    watch = PageWatch(page)
    try:
        page.goto(f"{voila_url}/voila/render/{path.name}", timeout=entry.run_timeout * 1000)
        page.locator(WIDGET_ROOT).first.wait_for(timeout=entry.run_timeout * 1000)
        shown = page.inner_text("body")
        assert page.locator(".jp-CodeCell .jp-InputArea, .jp-InputArea-editor").count() == 0
        imports = [line for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
                   if cell["cell_type"] == "code" for line in "".join(cell["source"]).splitlines()
                   if line.startswith(("import ", "from "))]
        assert imports and not [line for line in imports if line in shown], (
            "code shows in the presentation mode")
        assert "There was an error when executing cell" not in shown
        _check_widgets(page, entry, screenshots, f"present-{path.stem}")
        assert not watch.problems, "\n".join(watch.problems)
    finally:
        page.close()


_TYPESET = """() => {
  if (!(window.MathJax && MathJax.Hub && MathJax.Hub.queue)) return false;
  const q = MathJax.Hub.queue;
  const math = document.querySelectorAll('script[type^="math/tex"]');
  return q.pending === 0 && q.running === 0 && math.length > 0 &&
      document.querySelectorAll('.MathJax_Preview:not(:empty), .MathJax_Processing').length === 0;
}"""


_LOADED = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=[\"']([^\"']+)")


def _widget_outputs(path: Path) -> int:
    stored = json.loads(path.read_text(encoding="utf-8"))
    return sum("application/vnd.jupyter.widget-view+json" in output.get("data", {})
               for cell in stored["cells"] for output in cell.get("outputs", []))


def test_handouts_load_nothing_from_the_internet(handout_pages):
    """Static check of make handouts (no browser needed): local MathJax, widget snapshots."""
    assert [p.stem for p in handout_pages] == [p.stem for p in COURSE]
    assert (handout_pages[0].parent / "mathjax" / "MathJax.js").is_file()
    for page in handout_pages:
        html = page.read_text(encoding="utf-8")
        loaded = _LOADED.findall(html)
        assert [u for u in loaded if re.match(r"(https?:)?//", u)] == [], page.name
        assert 'src="mathjax/MathJax.js?config=' in html
        assert "application/vnd.jupyter.widget-view+json" not in html
        assert html.count('class="kit-widget-snapshot"') == _widget_outputs(
            ROOT / "notebooks" / f"{page.stem}.ipynb")


def test_handouts_typeset_every_formula_offline(browser, screenshots, handout_pages):
    for handout in handout_pages:
        page = browser.new_page(viewport=VIEWPORT)
        watch = PageWatch(page)
        try:
            page.goto(handout.as_uri())
            page.wait_for_function(_TYPESET, timeout=60_000, polling=250)
            prose = " ".join(page.locator(".jp-RenderedMarkdown, .kit-widget-snapshot")
                             .all_inner_texts())
            raw = re.findall(r"\$\$|\\frac|\\sum", prose)
            assert not raw, f"{handout.name}: formulas left as raw TeX ({raw[:3]})"
            rendered = page.locator(".MathJax, .MathJax_Display").count()
            sources = page.locator('script[type^="math/tex"]').count()
            assert rendered >= sources, f"{handout.name}: {sources - rendered} formulas not drawn"
            page.screenshot(path=str(screenshots / f"handout-{handout.stem}.png"))
            assert not watch.problems, "\n".join(watch.problems)
        finally:
            page.close()
