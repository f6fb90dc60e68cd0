"""The Word report reaches nothing outside itself (attack-findings 4): external relationships
other than http/https/mailto hyperlinks, a remote template and fetching fields are removed
from every part, read back from the built DOCX."""

import zipfile

from pk_report.report.docx_external import (clean_package, clean_part,
                                            drop_external_relationships)

RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships">{}</Relationships>')
REL = ('<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
       'relationships/{type}" Target="{target}" TargetMode="External"/>')
PART = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
        'openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.'
        'org/officeDocument/2006/relationships"><w:body>{}</w:body></w:document>')


def test_only_web_and_mail_hyperlinks_stay():
    rels = RELS.format("".join(REL.format(id=i, type=t, target=u) for i, t, u in [
        ("a", "hyperlink", "https://goteborg.se"), ("b", "hyperlink", "mailto:a@b.se"),
        ("c", "hyperlink", "HTTP://x.se"), ("d", "hyperlink", "javascript:alert(1)"),
        ("e", "hyperlink", "file://server/share"), ("f", "image", "http://evil.example/p.png"),
        ("g", "attachedTemplate", "https://evil.example/x.dotm")]))
    kept, dropped = drop_external_relationships(rels.encode())
    assert dropped == {"d", "e", "f", "g"}
    assert b"goteborg.se" in kept and b"mailto:" in kept and b"HTTP://x.se" in kept
    assert b"evil" not in kept and b"javascript" not in kept and b"file:" not in kept


def test_a_reference_to_a_dropped_relationship_goes_and_its_text_stays():
    part = PART.format('<w:p><w:hyperlink r:id="d"><w:r><w:t>klicka</w:t></w:r></w:hyperlink>'
                       '<w:hyperlink r:id="a"><w:r><w:t>ok</w:t></w:r></w:hyperlink></w:p>')
    out = clean_part(part.encode(), {"d"})
    assert b'r:id="d"' not in out and b'r:id="a"' in out and b"klicka" in out


def test_fields_other_than_page_numpages_and_seq_keep_only_their_text():
    fields = ('<w:p><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
              '<w:fldSimple w:instr="SEQ Figur \\* ARABIC"><w:r><w:t>2</w:t></w:r></w:fldSimple>'
              '<w:fldSimple w:instr="INCLUDEPICTURE &quot;http://evil.example/t.png&quot;">'
              '<w:r><w:t>bild</w:t></w:r></w:fldSimple>'
              '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DDEAUTO c:\\\\x'
              '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
              '<w:r><w:t>visat</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
              '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> NUMPAGES '
              '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    out = clean_part(PART.format(fields).encode(), set())
    assert b"INCLUDEPICTURE" not in out and b"DDEAUTO" not in out
    assert b"bild" in out and b"visat" in out
    assert b'w:instr=" PAGE "' in out and b"SEQ Figur" in out and b"NUMPAGES" in out
    assert out.count(b"<w:fldChar ") == 2  # NUMPAGES's begin and end


def test_a_package_without_anything_external_is_left_byte_for_byte():
    from pk_report.bundled import templates_dir

    with zipfile.ZipFile(templates_dir() / "reference.docx") as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    assert clean_package(parts) == parts


def test_the_built_report_from_a_hostile_reference_has_nothing_external(tmp_path):
    from typer.testing import CliRunner

    from hostile_cases import _reference_with_remote_content
    from pk_report.cli import app

    templates = _reference_with_remote_content(tmp_path)
    result = CliRunner().invoke(app, ["build", "2009", "--mallar", str(templates), "-o",
                                      str(tmp_path / "r.docx")])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "r.docx") as archive:
        for name in archive.namelist():
            data = archive.read(name)
            assert b"evil.example" not in data, name
            if name.endswith(".rels"):
                assert b'TargetMode="External"' not in data or b"/hyperlink" in data, name
    import docx  # python-docx reads it back: the package is still a valid Word document

    document = docx.Document(str(tmp_path / "r.docx"))
    footer = document.sections[0].footer
    assert "bild" in " ".join(p.text for p in footer.paragraphs)
