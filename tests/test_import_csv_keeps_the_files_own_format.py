"""A CSV-folder register gets rows appended in each file's own encoding, delimiter and line
endings; every existing byte stays, except the header line of an utvarderingar.csv that had no
svar_id column (it gets one, the rows above read as empty there)."""

import pytest

from helpers import read_sample, write_csv_folder
from import_helpers import figures, google_export, invoke

FORMATS = [("cp1252", ";", "\r\n"), ("utf-8-sig", ",", "\n"), ("utf-8", "\t", "\r\n")]


def register_in(folder, encoding, delimiter, newline):
    import csv

    folder.mkdir()
    for name, rows in read_sample().items():
        with open(folder / f"{name}.csv", "w", encoding=encoding, newline="") as fh:
            csv.writer(fh, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return folder


@pytest.mark.parametrize("encoding,delimiter,newline", FORMATS)
def test_rows_are_appended_in_the_files_own_format(tmp_path, encoding, delimiter, newline):
    register = register_in(tmp_path / "register", encoding, delimiter, newline)
    path = register / "utvarderingar.csv"
    before = path.read_bytes()
    before_count = figures(register, 2010, "steg1")["utvarderingar"]
    export = google_export(tmp_path / "svar.csv", 4)
    result = invoke("importera", str(export), "--data", str(register), "--tillfalle", "2010-S1-1",
                    "--ja")
    assert result.exit_code == 0, result.stderr
    after = path.read_bytes()
    header_end = before.index(newline.encode()) + len(newline)
    head = before[:header_end - len(newline)] + f"{delimiter}svar_id{newline}".encode(
        encoding.replace("-sig", ""))
    assert after.startswith(head + before[header_end:])  # the rest of the file byte for byte
    added = after[len(head + before[header_end:]):].decode(encoding.replace("-sig", ""))
    lines = added.split(newline)
    assert lines[-1] == "" and len(lines) == 5
    assert all(line.count(delimiter) == 6 for line in lines[:-1])
    assert lines[0].startswith(delimiter.join(["2010-S1-1", "", "", "K", "4", "Kommentar 0"]))
    if newline == "\r\n":
        assert b"\n" not in after.replace(b"\r\n", b"")
    assert figures(register, 2010, "steg1")["utvarderingar"] == before_count + 4
    # the copy beside: the folder as it was
    copies = list(register.glob("före-import-*"))
    assert len(copies) == 1 and (copies[0] / "utvarderingar.csv").read_bytes() == before


def test_a_character_windows_1252_cannot_hold_stops_before_writing(tmp_path):
    register = register_in(tmp_path / "register", "cp1252", ";", "\r\n")
    before = (register / "utvarderingar.csv").read_bytes()
    export = tmp_path / "svar.csv"
    export.write_text("Tidstämpel,Hur nöjd är du med utbildningen?,Övriga synpunkter\n"
                      "2010/11/09 21:01:02 CET,Utmärkt,Bra 👍\n", encoding="utf-8")
    result = invoke("importera", str(export), "--data", str(register), "--tillfalle", "2010-S1-1",
                    "--ja")
    assert result.exit_code == 1
    err = " ".join(result.stderr.split())
    assert "Windows-1252" in err and "CSV UTF-8" in err
    assert (register / "utvarderingar.csv").read_bytes() == before
    assert not list(register.glob("före-import-*"))
