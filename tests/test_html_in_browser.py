"""Issue 20 points 3, 4 and 12: the HTML report in a real browser (headless Chromium).

At 390 px the page is never wider than the phone; each table scrolls inside its own region,
which the keyboard reaches and a screen reader names; axe-core finds no WCAG 2.1 A/AA violation;
the title's year span and "23 juni 2009"-like phrases never break; the report's text is in
``<main>``, a long report has a table of contents, lines are about 70 characters. Skips where
Chromium, Playwright or npm is missing.
"""

from __future__ import annotations

import pytest

from browser import axe_violations, chromium_browser
from docs_helpers import every_table_register
from pk_report.report.build import report_bytes
from pk_report.year_span import YearSpan


@pytest.fixture(scope="module")
def browser():
    manager, browser = chromium_browser()
    yield browser
    browser.close()
    manager.stop()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("html")
    register = every_table_register(folder / "data")
    out = {}
    for name, year, data in (("2009", 2009, None), ("2008-2010", YearSpan(2008, 2010), None),
                             ("register", 2009, register)):
        path = folder / f"{name}.html"
        path.write_bytes(report_bytes(year, data, "html", None, True))
        out[name] = path
    return out


NAMES = ("2009", "2008-2010", "register")


def _open(browser, path, width: int, bypass_csp: bool = False):
    """The page at ``width`` px; ``bypass_csp`` only to inject the test's own axe-core (the
    report's Content-Security-Policy forbids every script, as it should)."""
    page = browser.new_page(viewport={"width": width, "height": 800}, bypass_csp=bypass_csp)
    page.goto(path.as_uri())
    return page


@pytest.mark.parametrize("name", NAMES)
def test_the_page_is_never_wider_than_a_phone(browser, pages, name):
    page = _open(browser, pages[name], 390)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide at 390 px"
    # every table scrolls in its own region, focusable and named
    regions = page.evaluate("""() => [...document.querySelectorAll('table')].map(t => {
        const r = t.parentElement;
        return {role: r.getAttribute('role'), tab: r.tabIndex, name: r.getAttribute('aria-label'),
                scrolls: getComputedStyle(r).overflowX, fits: r.getBoundingClientRect().right <= 390};
    })""")
    assert regions
    for region in regions:
        assert region["role"] == "region" and region["tab"] == 0 and region["name"], region
        assert region["scrolls"] == "auto" and region["fits"], region
    page.close()


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("width", [390, 1280])
def test_axe_core_finds_no_wcag_21_aa_violation(browser, pages, name, width):
    page = _open(browser, pages[name], width, bypass_csp=True)
    assert axe_violations(page) == []
    page.close()


def test_main_landmark_table_of_contents_and_line_length(browser, pages):
    page = _open(browser, pages["2009"], 1280)
    assert page.evaluate("document.querySelectorAll('main').length") == 1
    assert page.evaluate("!!document.querySelector('main h2')")
    links = page.evaluate("""[...document.querySelectorAll('nav#TOC a')].map(
        a => !!document.getElementById(decodeURIComponent(a.hash.slice(1))))""")
    assert len(links) >= 5 and all(links)
    # the longest line of running text: about 70 characters (at most 80)
    longest = page.evaluate("""() => {
        let most = 0;
        for (const p of document.querySelectorAll('main p')) {
            const range = document.createRange(), text = p.firstChild;
            if (!text || text.nodeType !== 3) continue;
            let top = null, count = 0;
            for (let i = 0; i < text.length; i++) {
                range.setStart(text, i); range.setEnd(text, i + 1);
                const y = Math.round(range.getBoundingClientRect().top);
                if (top === null || y !== top) { top = y; count = 0; }
                most = Math.max(most, ++count);
            }
        }
        return most;
    }""")
    assert 55 <= longest <= 80, longest
    page.close()


def test_charts_are_legible_on_a_phone(browser, pages):
    """A chart's image is drawn for the screen so that on a phone it is shown at least at
    nine tenths of its drawn size (its text then near the body's)."""
    page = _open(browser, pages["2009"], 390)
    scales = page.evaluate("""() => [...document.querySelectorAll('figure img')].map(
        i => i.getBoundingClientRect().width / (i.naturalWidth * 96 / 200))""")
    assert scales and min(scales) >= 0.85, scales
    page.close()
