"""What an import refuses, writing nothing: an answer the register has no grade for (exit 1,
naming file, row, column, value and the mapping line to add), a workbook open in Excel or
LibreOffice, no terminal to ask on without --ja, an .ods register, the bundled sample."""

import hashlib

import pytest

from import_helpers import csv_register, google_export, invoke, xlsx_register


def digest(path):
    if path.is_dir():
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(path.iterdir())}
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_unknown_grade_stops_the_import_and_names_the_mapping_line(tmp_path):
    register = xlsx_register(tmp_path)
    before = digest(register)
    export = google_export(tmp_path / "svar.csv", 6,
                           grades=["Utmärkt", "Ganska bra", "Godkänt"])
    mapping = tmp_path / "karta.toml"
    mapping.write_text('[kolumner]\nbetyg = "Hur nöjd är du med utbildningen?"\n'
                       '[omkodning.betyg]\n"Utmärkt" = "4"\n', encoding="utf-8")
    result = invoke("importera", str(export), "--data", str(register), "--tillfalle",
                    "2010-S1-1", "--karta", str(mapping), "--ja")
    assert result.exit_code == 1
    err = " ".join(result.stderr.split())
    assert "svar.csv, rad 3, kolumn D (”Hur nöjd är du med utbildningen?”)" in err
    assert "(värde: ”Ganska bra”)" in err and "(och på en rad till)" in err
    assert "registrets betygsskala (1 Underkänt, 2 Godkänt, 3 Mer än godkänt, 4 Utmärkt)" in err
    assert '[omkodning.betyg] "Ganska bra" = "?"' in err
    assert "Inget har skrivits" in err and "Lägg till raderna i kartan" in err
    assert digest(register) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["karta.toml", "register.xlsx",
                                                           "svar.csv"]


def test_a_mapping_recodes_what_the_scale_does_not_know(tmp_path):
    register = csv_register(tmp_path)
    export = google_export(tmp_path / "svar.csv", 6,
                           grades=["Utmärkt", "Ganska bra", "Godkänt"])
    mapping = tmp_path / "karta.toml"
    mapping.write_text('[kolumner]\nbetyg = "Hur nöjd är du med utbildningen?"\n'
                       'kon = "Kön"\nkommentar = "Övriga synpunkter"\n'
                       '[omkodning.betyg]\n"Ganska bra" = "3"\n', encoding="utf-8")
    result = invoke("importera", str(export), "--data", str(register), "--tillfalle",
                    "2010-S1-1", "--karta", str(mapping), "--ja")
    assert result.exit_code == 0, result.stderr
    assert "3 Mer än godkänt" in result.stderr


@pytest.mark.parametrize("lock", ["~$register.xlsx", ".~lock.register.xlsx#"])
def test_a_workbook_open_in_excel_or_libreoffice_is_refused(tmp_path, lock):
    register = xlsx_register(tmp_path)
    (tmp_path / lock).write_bytes(b"owner")
    before = digest(register)
    export = google_export(tmp_path / "svar.csv", 3)
    result = invoke("importera", str(export), "--data", str(register), "--tillfalle",
                    "2010-S1-1", "--ja")
    assert result.exit_code == 1
    program = "Excel" if lock.startswith("~$") else "LibreOffice"
    assert f"register.xlsx är öppen i {program}" in " ".join(result.stderr.split())
    assert digest(register) == before
    assert not list(tmp_path.glob("*före-import*"))


def test_a_csv_file_open_in_excel_is_refused(tmp_path):
    register = csv_register(tmp_path)
    (register / "~$utvarderingar.csv").write_bytes(b"owner")
    before = digest(register)
    result = invoke("importera", str(google_export(tmp_path / "svar.csv", 3)), "--data",
                    str(register), "--tillfalle", "2010-S1-1", "--ja")
    assert result.exit_code == 1 and "öppen i Excel" in result.stderr
    assert digest(register) == before


def test_without_a_terminal_and_without_ja_nothing_is_written(tmp_path):
    register = xlsx_register(tmp_path)
    before = digest(register)
    result = invoke("importera", str(google_export(tmp_path / "svar.csv", 3)), "--data",
                    str(register), "--tillfalle", "2010-S1-1")
    assert result.exit_code == 2
    assert "Tillfälle 2010-S1-1: tre rader läggs till." in result.stderr  # the preview first
    assert "Ingen terminal att fråga på, så inget har skrivits" in result.stderr
    assert "--ja" in result.stderr
    assert digest(register) == before


def test_prova_only_previews(tmp_path):
    register = csv_register(tmp_path)
    before = digest(register)
    result = invoke("importera", str(google_export(tmp_path / "svar.csv", 3)), "--data",
                    str(register), "--tillfalle", "2010-S1-1", "--prova")
    assert result.exit_code == 0
    assert "tre rader läggs till" in result.stderr and "inget har skrivits" in result.stderr
    assert digest(register) == before


def test_an_ods_register_is_refused_with_what_to_do(tmp_path):
    register = tmp_path / "register.ods"
    register.write_bytes(b"PK")
    result = invoke("importera", str(google_export(tmp_path / "svar.csv", 3)), "--data",
                    str(register), "--tillfalle", "2010-S1-1", "--ja")
    assert result.exit_code == 2
    err = " ".join(result.stderr.split())
    assert "OpenDocument" in err and ".xlsx" in err and "CSV" in err
    assert register.read_bytes() == b"PK"


def test_the_bundled_sample_is_never_written(tmp_path, monkeypatch):
    monkeypatch.delenv("PK_REPORT_DATA", raising=False)
    result = invoke("importera", str(google_export(tmp_path / "svar.csv", 3)), "--tillfalle",
                    "2010-S1-1", "--ja")
    assert result.exit_code == 2 and "--data" in result.stderr


def test_an_unknown_session_is_a_usage_error_with_a_suggestion(tmp_path):
    register = csv_register(tmp_path)
    result = invoke("importera", str(google_export(tmp_path / "svar.csv", 3)), "--data",
                    str(register), "--tillfalle", "2010-S1-9", "--ja")
    assert result.exit_code == 2
    assert "Tillfället ”2010-S1-9” finns inte i registret" in result.stderr
    assert "Menade du" in result.stderr


def test_a_session_is_needed(tmp_path):
    register = csv_register(tmp_path)
    result = invoke("importera", str(google_export(tmp_path / "svar.csv", 3)), "--data",
                    str(register), "--ja")
    assert result.exit_code == 2 and "--tillfalle" in result.stderr


def test_on_a_terminal_it_asks_before_writing(tmp_path):
    """The core asks through the command line's question; no writes without a yes."""
    from pk_report.importing.plan import Options
    from pk_report.importing.run import run_import

    register = csv_register(tmp_path)
    export = google_export(tmp_path / "svar.csv", 3)
    before = digest(register)
    asked, said = [], []

    def no(question):
        asked.append(question)
        return False

    result = run_import(export, register, Options(tillfalle="2010-S1-1"), ask=no,
                        say=said.append)
    assert asked == ["Skriva ändringarna till register?"] and not result.written
    assert "Inget har skrivits." in said and digest(register) == before
    result = run_import(export, register, Options(tillfalle="2010-S1-1"), ask=lambda q: True,
                        say=said.append)
    assert result.written and sum(map(len, result.added.values())) == 3


def test_prova_on_an_unknown_file_writes_a_starting_mapping(tmp_path):
    register = csv_register(tmp_path)
    before = digest(register)
    export = tmp_path / "lime.csv"
    export.write_text("id;submitdate;tillf;betyg;kon\n1;2010-11-23 21:01:00;T3;A1;M\n"
                      "2;2010-11-23 21:02:00;T3;A2;F\n", encoding="utf-8")
    result = invoke("importera", str(export), "--data", str(register), "--prova")
    assert result.exit_code == 0, result.stderr
    mapping = tmp_path / "lime.karta.toml"
    assert "[kolumner]" in mapping.read_text(encoding="utf-8")
    assert f"--karta {mapping} --prova" in " ".join(result.stderr.split())
    assert digest(register) == before
    again = invoke("importera", str(export), "--data", str(register), "--prova")
    assert again.exit_code == 2 and "finns redan" in again.stderr
    without = invoke("importera", str(export), "--data", str(register), "--ja",
                     "--tillfalle", "2010-S1-1")
    assert without.exit_code == 1 and "--prova" in without.stderr  # importa's message
