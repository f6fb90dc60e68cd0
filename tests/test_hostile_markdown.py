"""Issue 12 point 4: the clerk's Markdown (``texter``, ``beskrivning``) may format text, but it
never reads a file, reaches the network or injects raw output into DOCX, HTML or PDF. The
tool's own chart images (handed to the converter as bytes) still embed."""

from __future__ import annotations

import io
import socket
import threading
import time
import zipfile

import pytest

from docs_helpers import docx_part, docx_parts, pdf_text, png, structure
from helpers import read_sample, write_csv_folder
from pk_report.report.build import report_bytes
from pk_report.report.convert import DocumentInfo, convert

FORMATS = ("docx", "html", "pdf")


def register_with(tmp_path, *texts: str, beskrivning: str = "") -> object:
    """The sample with ``texts`` as the clerk's inledning (and a course description); built
    without the tool's charts, so any image in a document would be the clerk's."""
    tables = {name: [list(r) for r in rows] for name, rows in read_sample().items()}
    header = tables["texter"][0]
    for text in texts:
        tables["texter"].append([{"ar": "2009", "avsnitt": "inledning", "text": text}.get(c, "")
                                 for c in header])
    if beskrivning:
        kurser = tables["kurser"]
        at = kurser[0].index("beskrivning")
        row = next(r for r in kurser[1:] if r[0] == "2009")
        row[at] = beskrivning
    return write_csv_folder(tmp_path / "data", tables)


@pytest.fixture
def secret_image(tmp_path):
    """A real image outside the report, which must never end up inside it."""
    path = tmp_path / "hemlig.png"
    path.write_bytes(png(rgb=(1, 2, 3)))
    return path


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_image_path_in_the_text_reads_no_file(tmp_path, secret_image, fmt):
    data = register_with(tmp_path, f"Se kartan: ![Karta över nämnderna]({secret_image}).",
                         beskrivning="![Bild](../hemlig.png) och ![Lösenord](/etc/passwd)")
    out = report_bytes(2009, data, fmt, None, False, charts=False)
    if fmt == "docx":
        assert not [n for n in docx_parts(out) if n.startswith("word/media/")]
        text = " ".join(t.text or "" for t in docx_part(out, "word/document.xml").iter(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))
    elif fmt == "html":
        text = out.decode("utf-8")
        assert "<img" not in text and "data:image" not in text
    else:
        assert not [k for k, _ in structure(out) if k == "/Figure"]
        text = pdf_text(out)
        assert "root:" not in text
    assert "Karta över nämnderna" in text  # the image's words stay, as text


@pytest.fixture
def listener():
    """A local server that counts connections (and answers none)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    hits: list[object] = []
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            hits.append(conn)
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], hits
    stop.set()
    thread.join()
    server.close()


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_image_url_in_the_text_reaches_no_network(tmp_path, listener, fmt):
    port, hits = listener
    data = register_with(tmp_path, f"![Logga](http://127.0.0.1:{port}/logga.png)",
                         beskrivning=f"![x](https://127.0.0.1:{port}/x.png)")
    start = time.monotonic()
    report_bytes(2009, data, fmt, None, False, charts=False)
    assert time.monotonic() - start < 15
    time.sleep(0.3)
    assert hits == []


RAW_OPENXML = "```{=openxml}\n<w:p><w:r><w:t>INJICERAT</w:t></w:r></w:p><w:p>\n```"
RAW_INLINE = "`<w:br/>`{=openxml} och `<b>fet</b>`{=html}"
RAW_HTML = "<script>alert(1)</script><img src=x onerror=alert(2)>"
RAW_TYPST = "```{=typst}\n#read(\"/etc/passwd\")\n#panic(\"injicerat\")\n```"
RAW_TEX = "\\input{/etc/passwd}"


def test_raw_openxml_is_text_and_the_docx_is_well_formed(tmp_path):
    from docx import Document

    data = register_with(tmp_path, RAW_OPENXML, RAW_INLINE)
    out = report_bytes(2009, data, "docx", None, False, charts=False)
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "<w:t>INJICERAT</w:t>" not in xml and "<w:br/>" not in xml
    assert "INJICERAT" in xml  # shown as text
    Document(io.BytesIO(out))  # Word's structure is intact


def test_raw_html_is_escaped(tmp_path):
    data = register_with(tmp_path, RAW_HTML, RAW_INLINE)
    html = report_bytes(2009, data, "html", None, False, charts=False).decode("utf-8")
    assert "<script" not in html.lower() and "<img" not in html and "<b>fet</b>" not in html
    assert "&lt;script&gt;" in html


def test_raw_typst_and_tex_are_text_in_the_pdf(tmp_path):
    data = register_with(tmp_path, RAW_TYPST, RAW_TEX)
    text = pdf_text(report_bytes(2009, data, "pdf", None, False, charts=False))
    assert "root:" not in text
    assert '#read("/etc/passwd")' in text and "\\input{/etc/passwd}" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_tools_own_chart_still_embeds_beside_the_clerks_text(tmp_path, secret_image, fmt):
    markdown = (f"# Titel\n\n![Deltagare](diagram/d.png){{alt=\"Diagram: 596 deltagare\"}}\n\n"
                f"Klistrat in: ![Hemlig]({secret_image})\n\n{RAW_OPENXML}\n")
    out = convert(markdown, fmt, DocumentInfo("Titel"), None, {"diagram/d.png": png()})
    if fmt == "docx":
        assert len([n for n in docx_parts(out) if n.startswith("word/media/")]) == 1
    elif fmt == "html":
        assert out.decode("utf-8").count("<img") == 1
    else:
        assert [alt for k, alt in structure(out) if k == "/Figure"] == ["Diagram: 596 deltagare"]


@pytest.mark.parametrize("path", ["/etc/x.png", "../x.png", "C:\\x.png", "http://x/y.png"])
def test_the_build_hands_over_only_relative_image_paths(path):
    with pytest.raises(ValueError):
        convert("x\n", "html", DocumentInfo("T"), None, {path: png()})


@pytest.mark.parametrize("fmt", FORMATS)
def test_settings_text_in_the_title_block_is_text(fmt):
    kommun = 'Ö-by "kommun" \\ $x$ #read("/etc/passwd") <b>'
    out = convert("# T\n\nText.\n", fmt, DocumentInfo("T", kommun, "", "KS 1/2"))
    if fmt == "pdf":
        assert kommun in pdf_text(out)
    elif fmt == "html":
        assert "Ö-by &quot;kommun&quot;" in out.decode() or 'Ö-by "kommun"' in out.decode()
        assert "<b>" not in out.decode()
    else:
        assert b"<b>" not in docx_parts(out)["word/document.xml"]


def test_with_the_reports_own_charts_only_they_are_embedded(tmp_path, secret_image):
    plain = report_bytes(2009, None, "html", None, False).decode("utf-8")
    charts = plain.count("<img")
    assert charts >= 1
    data = register_with(tmp_path, f"![Karta]({secret_image})")
    html = report_bytes(2009, data, "html", None, False).decode("utf-8")
    assert html.count("<img") == charts
