"""Issue 18 points 1-3 and 9-11: nothing the clerk types runs as script or Typst code, reaches
the network or breaks a format; what HTML and Word accept, the PDF accepts. The security
cases are read back from the documents themselves: the HTML in a real browser (Chromium
headless, skipped where it is missing), the DOCX's relationships and the PDF's /URI actions."""

from __future__ import annotations

import io
import re
import shutil
import socket
import subprocess
import threading
import time
import zipfile
from pathlib import Path

import pytest

from docs_helpers import docx_part, pdf_text
from helpers import read_sample, write_csv_folder
from pk_report.errors import OutputError
from pk_report.report.build import report_bytes

HANDLERS = [
    '[Fokus]{onfocus="document.title=\'PWNED\'" autofocus=""} text',
    '[Mus]{onmouseover="document.title=\'PWNED\'" style="position:fixed;top:0;left:0;'
    'width:100%;height:100%"} text',
    '![x](http://127.0.0.1:9/x.png){onerror="document.title=\'PWNED\'"}',
    '::: {onclick="document.title=\'PWNED\'" .varning}\nEtt stycke.\n:::',
]
BAD_LINKS = ["javascript:document.title='PWNED'", "JaVaScRiPt:alert(1)",
             "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
             "vbscript:msgbox(1)", "file:///etc/passwd", "//evil.example/x",
             "java%0ascript:alert(1)"]
GOOD_LINKS = ["https://www.goteborg.se/", "http://example.org/a?b=c", "mailto:kansli@example.org"]
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists()
                                        else None)


def register_with(tmp_path: Path, *texts: str, course_name: str = "") -> Path:
    tables = {name: [list(r) for r in rows] for name, rows in read_sample().items()}
    header = tables["texter"][0]
    for text in texts:
        tables["texter"].append([{"ar": "2009", "avsnitt": "inledning", "text": text}.get(c, "")
                                 for c in header])
    if course_name:
        kurser = tables["kurser"]
        row = next(r for r in kurser[1:] if r[0] == "2009")
        row[kurser[0].index("namn")] = course_name
    return write_csv_folder(tmp_path / "data", tables)


def attack_text() -> list[str]:
    links = [f"[länk {i}]({target})" for i, target in enumerate(BAD_LINKS)]
    good = [f"[bra {i}]({target})" for i, target in enumerate(GOOD_LINKS)]
    return [*HANDLERS, " ".join(links), " ".join(good)]


def pdf_uris(data: bytes) -> list[str]:
    from pypdf import PdfReader

    out = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and action.get_object().get("/URI") is not None:
                out.append(str(action.get_object()["/URI"]))
    return out


def docx_targets(data: bytes) -> list[str]:
    rels = docx_part(data, "word/_rels/document.xml.rels")
    return [r.get("Target") for r in rels if r.get("TargetMode") == "External"]


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("attack")
    data = register_with(tmp, *attack_text())
    return {fmt: report_bytes(2009, data, fmt, None, False) for fmt in ("html", "docx", "pdf")}


def test_html_keeps_no_handler_style_or_script_link(attacked):
    html = attacked["html"].decode("utf-8")
    body = html[html.index("<body"):]
    assert not re.search(r"\son\w+\s*=", body, re.I)
    assert "autofocus" not in body and "position" not in body
    styles = re.findall(r'style="([^"]*)"', body)  # only pandoc's own column widths
    assert all(re.fullmatch(r"(width: ?[\d.]+%|text-align: (left|right|center));?", s)
               for s in styles), styles
    hrefs = re.findall(r'href="([^"]*)"', body)
    assert sorted(h for h in hrefs if not h.startswith("#")) == sorted(GOOD_LINKS)
    ids = set(re.findall(r'\sid="([^"]*)"', body))
    internal = [h[1:] for h in hrefs if h.startswith("#")]  # the table of contents' own links
    assert all(target in ids for target in internal), set(internal) - ids
    assert "länk 0" in body and "Fokus" in body and "Ett stycke." in body  # text stays


def test_html_forbids_script_in_its_content_security_policy(attacked):
    html = attacked["html"].decode("utf-8")
    head = html[:html.index("<body")]
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', head)
    assert csp and "script-src 'none'" in csp[1] and "default-src 'none'" in csp[1]
    assert "<script" not in head and "<link" not in head


def test_docx_and_pdf_link_only_to_the_web_and_mail(attacked):
    assert sorted(set(docx_targets(attacked["docx"]))) == sorted(GOOD_LINKS)
    assert sorted(set(pdf_uris(attacked["pdf"]))) == sorted(GOOD_LINKS)
    text = pdf_text(attacked["pdf"])
    assert "länk 0" in text and "Fokus" in text


def _dump_dom(path: Path) -> str:
    proc = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                           "--no-first-run", "--virtual-time-budget=3000", "--dump-dom",
                           path.as_uri()], capture_output=True, timeout=120, text=True)
    return proc.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_no_handler_runs_in_a_real_browser(attacked, tmp_path):
    # The control: the same handler on an unsafe page changes the title in this browser.
    control = tmp_path / "kontroll.html"
    control.write_text("<!doctype html><title>orörd</title><img src=x "
                       "onerror=\"document.title='PWNED'\"><input autofocus "
                       "onfocus=\"document.title='PWNED'\">", encoding="utf-8")
    assert "<title>PWNED</title>" in _dump_dom(control)
    page = tmp_path / "rapport.html"
    page.write_bytes(attacked["html"])
    dom = _dump_dom(page)
    assert "<title>" in dom and "PWNED" not in dom.split("<body")[0]
    assert "Fokus" in dom


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_the_csp_stops_a_script_that_got_through(tmp_path):
    from pk_report.report.web import CSP

    page = tmp_path / "csp.html"
    page.write_text(f"<!doctype html><head>{CSP}<title>orörd</title></head><body>"
                    "<script>document.title='PWNED'</script>"
                    "<img src=x onerror=\"document.title='PWNED'\"></body>", encoding="utf-8")
    assert "<title>orörd</title>" in _dump_dom(page)


# --- Typst: attribute values are never code, no network, a time limit ------------------------

@pytest.mark.parametrize("width", ['50%);#read("/etc/passwd")//', "1cm) #for i in range(300000000) {}",
                                   '10%" + str(read("rapport.typ")) + "'])
def test_an_image_width_is_never_typst_code(tmp_path, width):
    data = register_with(tmp_path, f'![Diagram](diagram/betyg_per_kurs.png){{width="{width}"}}')
    started = time.monotonic()
    pdf = report_bytes(2009, data, "pdf", None, False)
    assert time.monotonic() - started < 30
    text = pdf_text(pdf)
    assert "root:" not in text and "#let rapport" not in text


def test_a_length_is_kept_as_the_image_width():
    from pk_report.report.pdf import images_with_alt

    def image(width):
        return {"t": "Image", "c": [["", [], [["width", width]]], [], ["bild-1.png", ""]]}

    tree = {"blocks": [{"t": "Para", "c": [image("50%"), image("4cm"), image("3cm);x")]}]}
    code = [n["c"][1] for n in images_with_alt(tree)["blocks"][0]["c"]]
    assert "width: 50%" in code[0] and "width: 4cm" in code[1] and "width" not in code[2]


def _listener():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.5)
    hits: list[bytes] = []

    def accept():  # every connection noted and answered (a browser moves on) until closed
        while True:
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:  # the test closed the server
                return
            try:
                hits.append(conn.recv(200))
                conn.sendall(b"HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n")
            except OSError:
                pass
            conn.close()

    threading.Thread(target=accept, daemon=True).start()
    return server, hits


def test_typst_loads_no_package_and_reaches_no_network(tmp_path, monkeypatch):
    from pk_report.report.typst_run import TypstFailed, compile_pdf

    server, hits = _listener()
    proxy = f"http://127.0.0.1:{server.getsockname()[1]}"
    for key in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY"):  # a proxy the user set is ignored
        monkeypatch.setenv(key, proxy)
    main = tmp_path / "a.typ"
    main.write_text('#import "@preview/cetz:0.3.0": canvas\nHej', encoding="utf-8")
    with pytest.raises(TypstFailed) as caught:
        compile_pdf(main, tmp_path, [], {})
    time.sleep(0.2)
    server.close()
    assert hits == [] and "cetz" in caught.value.message


def test_a_typst_build_that_never_ends_is_stopped_with_a_message(tmp_path):
    from pk_report.report.typst_run import compile_pdf

    main = tmp_path / "a.typ"
    main.write_text("#for i in range(300000000) { }\nHej", encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(OutputError, match="blev inte klar på 2 sekunder"):
        compile_pdf(main, tmp_path, [], {}, limit=2)
    assert time.monotonic() - started < 10


# --- ordinary text the PDF accepts as HTML and Word do ---------------------------------------

ORDINARY = ["Kontakt: @goteborgsstad och Workshop @Kulturhuset [@rapport, s. 3].",
            "Formeln $x^2$ och priset $100$ kronor.",
            "[Till ett avsnitt som inte finns](#saknas) och [till översikten](#oversikt).",
            "#", "Glada deltagare 😀 och 漢字 och Ωμέγα.",
            "\n".join("    " * i + "- nivå " + str(i) for i in range(100)),
            ">" * 300 + " Ett citat i trehundra nivåer.",
            "```\nalign(center)[#table(\n  columns: (1fr,),\n```"]


@pytest.fixture(scope="module")
def ordinary(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ordinary")
    data = register_with(tmp, *ORDINARY, course_name="Budget $100$ kurs")
    return {fmt: report_bytes(2009, data, fmt, None, False) for fmt in ("html", "docx", "pdf")}


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return " ".join("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml)).split())


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_at_signs_dollars_and_scripts_are_text_in_every_format(ordinary, fmt):
    data = ordinary[fmt]
    text = pdf_text(data) if fmt == "pdf" else _docx_text(data) if fmt == "docx" else \
        " ".join(re.sub(r"<[^>]+>", "", data.decode("utf-8")).split())
    squeezed = text.replace(" ", "")
    for words in ("@goteborgsstad", "@Kulturhuset", "[@rapport,s.3]", "$x^2$", "$100$kronor",
                  "Budget$100$kurs", "nivå99", "Ωμέγα", "Tillettavsnittsomintefinns",
                  "Ettcitatitrehundranivåer."):
        assert words in squeezed, words


def test_a_link_to_a_missing_anchor_is_plain_text(ordinary):
    html = ordinary["html"].decode("utf-8")
    assert 'href="#saknas"' not in html and "Till ett avsnitt som inte finns" in html
    assert not [u for u in pdf_uris(ordinary["pdf"]) if "saknas" in u]


def test_a_code_block_with_table_columns_shifts_no_table(tmp_path, monkeypatch):
    from pk_report.report import pdf as pdf_module

    sources = []
    real = pdf_module.compile_pdf

    def capture(main, root, fonts, options, limit=None):
        sources.append(Path(main).read_text(encoding="utf-8"))
        return real(main, root, fonts, options, limit)

    monkeypatch.setattr(pdf_module, "compile_pdf", capture)
    plain = report_bytes(2009, register_with(tmp_path / "a"), "pdf", None, False)
    report_bytes(2009, register_with(tmp_path / "b", ORDINARY[-1]), "pdf", None, False)
    columns = [re.findall(r"^    columns: (.*)$", s, re.M) for s in sources]
    assert columns[0] == columns[1] and len(columns[0]) >= 3
    assert "columns: (1fr,)" in sources[1]  # the code block, as it was written
    assert plain


def test_a_typst_failure_blames_the_text_not_a_template_none_was_given():
    from pk_report.report.pdf import failure_message
    from pk_report.report.typst_run import TypstFailed

    exc = TypstFailed('the text "X" could not be displayed', [], "")
    bundled = failure_message(exc, "", own_template=False)
    own = failure_message(exc, "", own_template=True)
    assert "rapport.typ" not in bundled and "”X”" in bundled and "texter" in bundled
    assert "rapport.typ" in own


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_a_shared_stylesheet_cannot_make_the_reader_fetch_anything(tmp_path):
    """A municipality's shared rapport.css with url(http://…) would tell a server who reads the
    report; the page's Content-Security-Policy stops the request in the browser."""
    server, hits = _listener()
    url = f"http://127.0.0.1:{server.getsockname()[1]}"
    own = tmp_path / "mallar"
    own.mkdir()
    (own / "rapport.css").write_text(f'@import url("{url}/a.css");\n'
                                     f'body {{ background: url("{url}/b.png"); }}\n',
                                     encoding="utf-8")
    page = tmp_path / "rapport.html"
    page.write_bytes(report_bytes(2009, register_with(tmp_path), "html", own, False))
    _dump_dom(page)
    time.sleep(0.2)
    server.close()
    assert hits == []
