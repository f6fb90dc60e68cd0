"""Opening the HTML report in a real browser for tests: headless Chromium through Playwright,
and axe-core (npm) injected into the page. Both skip cleanly where they are missing."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
AXE_VERSION = "4.10.3"
AXE_CACHE = Path(os.environ.get("PK_REPORT_TEST_CACHE",
                                Path.home() / ".cache" / "pk-report-tests")) / f"axe-{AXE_VERSION}"


def chromium_browser():
    """A started headless Chromium (skip when Playwright or Chromium is missing)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM:
        pytest.skip("needs Chromium (the Debian package chromium)")
    manager = playwright_api.sync_playwright().start()
    try:
        browser = manager.chromium.launch(executable_path=CHROMIUM,
                                          args=["--no-sandbox", "--disable-gpu"])
    except Exception as exc:  # noqa: BLE001 - a browser that cannot start is a skip
        manager.stop()
        pytest.skip(f"Chromium does not start: {exc}")
    return manager, browser


def axe_script() -> str:
    """axe-core's browser script, installed once with npm into a cache folder."""
    script = AXE_CACHE / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file():
        npm = shutil.which("npm")
        if not npm:
            pytest.skip("needs npm to install axe-core")
        AXE_CACHE.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([npm, "install", "--no-save", "--no-audit", "--no-fund",
                               "--prefix", str(AXE_CACHE), f"axe-core@{AXE_VERSION}"],
                              capture_output=True, text=True, timeout=300, check=False)
        if done.returncode != 0 or not script.is_file():
            pytest.skip(f"npm could not install axe-core: {done.stderr[-300:]}")
    return script.read_text(encoding="utf-8")


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the open page."""
    page.add_script_tag(content=axe_script())
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
        return r.violations.map(v => ({id: v.id, help: v.help,
            nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
    }""")
    return result
