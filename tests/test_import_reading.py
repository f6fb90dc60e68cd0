"""Reading survey and attendance exports (issue 22): each kind recognised from its content and
read into the answers the sample holds, anonymously, with clear refusals."""

from __future__ import annotations

import csv
import dataclasses
import tomllib

import pytest

import import_fixtures as fx
from pk_report.importing.export import ImportFormatError, read_export, starting_mapping
from pk_report.importing.questions import fold

GRADE = {"underkänt": "1", "godkänt": "2", "mer än godkänt": "3", "utmärkt": "4"}
GENDER = {"kvinna": "K", "woman": "K", "man": "M", "vill inte uppge": "",
          "prefer not to say": ""}


def register_terms(export, answer) -> dict[str, str]:
    """An answer's grade and gender as the register would hold them (the mapping first)."""
    out = {}
    for field, default in (("betyg", GRADE), ("kon", GENDER)):
        raw = answer.values.get(field, "")
        coded = export.recode.get(field, {}).get(fold(raw), raw)
        value = fold(coded)
        out[field] = default.get(value, value) if field == "betyg" else \
            {"kvinna": "K", "man": "M", "": ""}.get(value, GENDER.get(value, value))
    if "kommentar" in answer.values:
        out["kommentar"] = answer.values["kommentar"]
    return out


@pytest.mark.parametrize("make", fx.ALL_EVALUATIONS, ids=lambda f: f.__name__)
def test_each_evaluation_export_gives_the_sessions_answers(tmp_path, make):
    fixture = make(tmp_path)
    export = read_export(fixture.path, fixture.mapping)
    assert export.target == "utvarderingar"
    assert export.kind == ("karta" if fixture.mapping else
                           "google" if make is fx.google_csv else "forms")
    got = [register_terms(export, a) for a in export.answers]
    want = [{k: v for k, v in e.items() if k != "tillfalle_id"} for e in fixture.expected]
    if "kommentar" not in export.columns:
        want = [{k: v for k, v in w.items() if k != "kommentar"} for w in want]
    assert got == want


@pytest.mark.parametrize("make", fx.ALL_EVALUATIONS, ids=lambda f: f.__name__)
def test_no_name_or_address_is_read_from_an_evaluation(tmp_path, make):
    fixture = make(tmp_path)
    export = read_export(fixture.path, fixture.mapping)
    for answer in export.answers:
        assert not {"namn", "email"} & set(answer.values)
        text = " ".join([answer.response_id, *answer.values.values()])
        assert "@" not in text
        assert not any(p in text for p in fixture.personal)
    assert not {"namn", "email"} & set(export.columns)


def test_a_mapping_cannot_bring_names_into_evaluations(tmp_path):
    fixture = fx.surveymonkey(tmp_path)
    mapping = tmp_path / "med_namn.toml"
    mapping.write_text(fixture.mapping.read_text(encoding="utf-8").replace(
        "[kolumner]\n", '[kolumner]\nnamn = "Last Name"\nemail = "Email Address"\n'),
        encoding="utf-8")
    export = read_export(fixture.path, mapping)
    assert export.target == "utvarderingar"
    assert all(not {"namn", "email"} & set(a.values) for a in export.answers)
    forms = fx.forms_swedish(tmp_path)
    mapping.write_text('[kolumner]\nnamn = "Namn"\nemail = "E-post"\n', encoding="utf-8")
    export = read_export(forms.path, mapping)
    assert all(not {"namn", "email"} & set(a.values) for a in export.answers)


def test_a_forms_signup_read_as_attendance_keeps_names_but_not_placeholders(tmp_path):
    forms = fx.forms_swedish(tmp_path)
    mapping = tmp_path / "anmalan.toml"
    mapping.write_text('till = "deltagare"\n', encoding="utf-8")
    export = read_export(forms.path, mapping)
    assert export.target == "deltagare"
    assert export.answers[0].values["namn"] == "Ledamot Nummer1"
    assert export.answers[0].values["email"] == "ledamot1@kommun.example"
    english = read_export(fx.forms_english(tmp_path).path, mapping)
    assert all("email" not in a.values for a in english.answers)  # "anonymous" is no address


def test_forms_columns_are_found_by_place_and_values_not_by_name(tmp_path):
    english = read_export(fx.forms_english(tmp_path).path)
    swedish = read_export(fx.forms_swedish(tmp_path).path)
    assert english.column_letters == {"betyg": "F", "kon": "I", "kommentar": "J"}
    assert english.sheet == "Sheet1"
    # the Swedish account's export has "Senaste ändringstid" and the gender question first
    assert swedish.column_letters == {"kon": "G", "betyg": "H"}
    assert swedish.columns["betyg"].startswith("Betyg på kvällen")


def test_forms_without_email_and_name_columns_keeps_its_first_questions(tmp_path):
    from openpyxl import load_workbook

    path = fx.forms_english(tmp_path).path
    wb = load_workbook(path)
    wb.active.delete_cols(4, 2)  # some anonymous forms leave Email and Name out
    wb.save(path)
    export = read_export(path)
    assert export.column_letters == {"betyg": "D", "kon": "G", "kommentar": "H"}
    assert len(export.answers) == 24


def test_quiz_points_are_not_taken_for_the_grade(tmp_path):
    export = read_export(fx.forms_quiz(tmp_path).path)
    assert export.columns == {"kon": "Gender", "betyg": "Hur nöjd är du med kvällen?"}


def test_the_session_question_and_its_codes_come_through_the_mapping(tmp_path):
    fixture = fx.limesurvey(tmp_path)
    export = read_export(fixture.path, fixture.mapping)
    sessions = [export.recode["tillfalle"][fold(a.values["tillfalle"])] for a in export.answers]
    assert sessions == [e["tillfalle_id"] for e in fixture.expected]
    assert export.answers[0].response_id == "1"


def test_google_rows_are_the_lines_the_clerk_sees(tmp_path):
    export = read_export(fx.google_csv(tmp_path).path)
    # the second answer's comment spans two lines of the file
    assert [a.row for a in export.answers[:3]] == [2, 3, 5]
    assert export.column_letters["betyg"] == "5"  # a CSV's columns are numbered


def test_an_answer_keeps_its_id_when_the_export_grows(tmp_path):
    for make in (fx.forms_english, fx.google_csv, fx.surveymonkey):
        early_dir, late_dir = tmp_path / f"{make.__name__}1", tmp_path / f"{make.__name__}2"
        early_dir.mkdir()
        late_dir.mkdir()
        early = make(early_dir, upto=10)
        late = make(late_dir)
        a = read_export(early.path, early.mapping)
        b = read_export(late.path, late.mapping)
        assert a.form_identity == b.form_identity
        assert [x.response_id for x in a.answers] == [x.response_id for x in b.answers[:10]]
        ids = [x.response_id for x in b.answers]
        assert len(set(ids)) == len(ids) and all(ids)


def test_a_corrected_or_added_question_keeps_the_answers_ids(tmp_path):
    from openpyxl import load_workbook

    forms = fx.forms_english(tmp_path)
    before = read_export(forms.path)
    wb = load_workbook(forms.path)
    wb.active["F1"] = "Vilket betyg ger du utbildningen i sin helhet?"  # a title put right
    wb.save(forms.path)
    after = read_export(forms.path)
    assert (after.form_identity, [a.response_id for a in after.answers]) == \
        (before.form_identity, [a.response_id for a in before.answers])

    google = fx.google_csv(tmp_path)
    before = read_export(google.path)
    rows = list(csv.reader(google.path.open(encoding="utf-8")))
    rows[0].append("En fråga som lades till sedan")
    for r in rows[1:]:
        r.append("")
    with open(google.path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    after = read_export(google.path)
    assert [a.response_id for a in after.answers] == [a.response_id for a in before.answers]


def test_copies_of_one_form_do_not_share_answer_ids(tmp_path):
    # the clerk copies the form for each evening: same questions, IDs from 1 again
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = read_export(fx.forms_english(tmp_path / "a", "2010-S1-1").path)
    two = read_export(fx.forms_english(tmp_path / "b", "2010-S1-3").path)
    first = {(one.form_identity, a.response_id) for a in one.answers}
    second = {(two.form_identity, a.response_id) for a in two.answers}
    assert not first & second


@pytest.mark.parametrize("language", ["en", "sv"])
def test_teams_report_gives_each_person_once_and_skips_guests_and_bots(tmp_path, language):
    fixture = fx.teams_report(tmp_path, language=language)
    export = read_export(fixture.path)
    assert (export.kind, export.target) == ("teams", "deltagare")
    names = [a.values["namn"] for a in export.answers]
    assert names == [e["namn"] for e in fixture.expected]
    assert len(set(names)) == len(names)
    assert all(a.values["narvarande"] == "ja" for a in export.answers)
    assert all(a.values["email"] == a.values["namn"].lower() + "@kommun.example"
               for a in export.answers)
    assert [s.who for s in export.skipped] == fixture.skipped
    reasons = [s.reason for s in export.skipped]
    assert reasons[0] == "mötets organisatör" and reasons[-1] == "anteckningsbot"
    assert reasons[1].startswith("gäst (") and reasons[2].startswith("overifierad (")


def test_teams_report_in_a_language_never_seen_is_found_by_its_shape(tmp_path):
    fixture = fx.teams_report(tmp_path)
    words = {**{h: f"Sarake {i}" for i, h in enumerate(fx.TEAMS_EN["header"])},
             **{h: f"Toiminta {i}" for i, h in enumerate(fx.TEAMS_EN["activity_header"])},
             "1. Summary": "1. Yhteenveto", "2. Participants": "2. Osallistujat",
             "3. In-Meeting Activities": "3. Toiminnot", "Attendee": "Kävijä",
             "Organizer": "Järjestäjä"}
    lines = []
    for line in fixture.path.read_text(encoding="utf-16").splitlines():
        lines.append("\t".join(words.get(c, c) for c in line.split("\t")))
    foreign = tmp_path / "raportti.csv"
    foreign.write_text("\r\n".join(lines), encoding="utf-16")
    export = read_export(foreign)
    assert export.kind == "teams"
    assert [a.values["namn"] for a in export.answers] == \
        ["Kansliet Utbildning"] + [e["namn"] for e in fixture.expected]  # role unknown: kept
    assert export.columns == {"namn": words["Name"], "email": words["Email"]}


def test_teams_older_list_gives_each_person_once(tmp_path):
    fixture = fx.teams_list(tmp_path)
    export = read_export(fixture.path)
    assert export.kind == "teams"
    assert [a.values["namn"] for a in export.answers] == [e["namn"] for e in fixture.expected]
    assert [s.who for s in export.skipped] == fixture.skipped


def test_teams_without_byte_order_mark_is_read_too(tmp_path):
    fixture = fx.teams_report(tmp_path)
    data = fixture.path.read_bytes()
    bare = tmp_path / "utan_bom.csv"
    bare.write_bytes(data[2:])  # UTF-16-LE without its BOM
    assert len(read_export(bare).answers) == len(fixture.expected)


def test_a_mapping_can_let_guests_in(tmp_path):
    fixture = fx.teams_report(tmp_path)
    mapping = tmp_path / "gaster.toml"
    mapping.write_text("gaster = true\n", encoding="utf-8")
    export = read_export(fixture.path, mapping)
    names = [a.values["namn"] for a in export.answers]
    assert "Eva Gäst" in names  # the marker is not part of the name
    assert [s.reason for s in export.skipped] == ["mötets organisatör", "anteckningsbot"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252", "utf-16"])
def test_google_csv_in_any_encoding_reads_the_same(tmp_path, encoding):
    fixture = fx.google_csv(tmp_path)
    text = fixture.path.read_text(encoding="utf-8")
    other = tmp_path / f"svar_{encoding}.csv"
    other.write_bytes(text.encode(encoding))
    first = read_export(fixture.path)
    again = read_export(other)
    assert [a.values for a in again.answers] == [a.values for a in first.answers]


def test_google_responses_downloaded_from_sheets_as_a_workbook_read_the_same(tmp_path):
    from openpyxl import Workbook

    fixture = fx.google_csv(tmp_path)
    rows = list(csv.reader(fixture.path.open(encoding="utf-8")))
    wb = Workbook()
    wb.active.title = "Formulärsvar 1"
    for row in rows:
        wb.active.append(row)
    book = tmp_path / "svar.xlsx"
    wb.save(book)
    export = read_export(book)
    assert (export.kind, export.sheet) == ("google", "Formulärsvar 1")
    assert export.column_letters["betyg"] == "E"
    assert [a.values for a in export.answers] == \
        [a.values for a in read_export(fixture.path).answers]


def _forms_with_two_grades(tmp_path):
    from openpyxl import load_workbook

    path = fx.forms_swedish(tmp_path).path
    wb = load_workbook(path)
    ws = wb.active
    ws.cell(1, 10, "Betyg på föreläsaren")
    for r in range(2, ws.max_row + 1):
        ws.cell(r, 10, "Utmärkt")
    wb.save(path)
    return path


def test_two_questions_on_the_scale_ask_for_a_mapping_naming_both(tmp_path):
    path = _forms_with_two_grades(tmp_path)
    with pytest.raises(ImportFormatError) as caught:
        read_export(path)
    message = caught.value.message
    assert "två frågor" in message
    assert "”Betyg på kvällen (1 = underkänt, 4 = utmärkt)” (kolumn H)" in message
    assert "”Betyg på föreläsaren” (kolumn J)" in message
    assert "--prova" in message and "--karta" in message
    mapping = tmp_path / "karta.toml"
    mapping.write_text('[kolumner]\nbetyg = "Betyg på föreläsaren"\n', encoding="utf-8")
    export = read_export(path, mapping)
    assert {a.values["betyg"] for a in export.answers} == {"Utmärkt"}
    assert export.columns["kon"] == "Kön"  # the rest is still recognised


def _monkey_as_google(tmp_path):
    """The SurveyMonkey fixture's answers as Google writes them: one header row, a timestamp."""
    fixture = fx.surveymonkey(tmp_path)
    rows = list(csv.reader(fixture.path.open(encoding="utf-8-sig")))
    del rows[1]
    rows[0][0] = "Tidstämpel"
    for r in rows[1:]:
        r[0] = "2010/11/09 9:00:00 PM CET"
    google = tmp_path / "google.csv"
    with open(google, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return google


def test_no_question_on_the_scale_asks_for_a_mapping(tmp_path):
    google = _monkey_as_google(tmp_path)
    with pytest.raises(ImportFormatError) as caught:
        read_export(google)
    assert "ingen fråga har svar som alla är betygsskalans" in caught.value.message
    assert "omkodning" in caught.value.message


def test_the_registers_own_scale_recognises_its_labels(tmp_path):
    google = _monkey_as_google(tmp_path)
    scale = ["Mycket nöjd", "Ganska nöjd", "Ganska missnöjd", "Mycket missnöjd"]
    export = read_export(google, scale=scale)
    assert export.columns["betyg"] == "Hur nöjd är du med utbildningen som helhet?"


def test_an_unknown_file_without_mapping_is_refused_with_the_way_on(tmp_path):
    fixture = fx.limesurvey(tmp_path)
    with pytest.raises(ImportFormatError) as caught:
        read_export(fixture.path)
    message = caught.value.message
    assert message.startswith("results-survey482911.csv känns inte igen")
    assert "--prova" in message and "--karta" in message


@pytest.mark.parametrize("text, words", [
    ('[kolumner]\nbetyg = "Betyget"\n', ["betyg = 'Betyget' är ingen kolumn", "”betyg”",
                                         "Rätta raden"]),
    ('[kolumner]\nbetget = "betyg"\n', ["fältet 'betget'", "Tillåtna fält"]),
    ('rubrikrader = "två"\n', ["”rubrikrader” ska vara ett heltal"]),
    ('[kolumner\nbetyg = "betyg"\n', ["ingen giltig TOML", "docs/import.md"]),
    ('raknare = 1\n', ["okänd inställning 'raknare'"]),
])
def test_a_faulty_mapping_is_named_with_the_fix(tmp_path, text, words):
    fixture = fx.limesurvey(tmp_path)
    mapping = tmp_path / "fel.toml"
    mapping.write_text('avgransare = ";"\n' * ("avgransare" not in text) + text,
                       encoding="utf-8")
    with pytest.raises(ImportFormatError) as caught:
        read_export(fixture.path, mapping)
    assert caught.value.message.startswith("Kartan fel.toml")
    for w in words:
        assert w in caught.value.message


def test_a_mapping_may_name_columns_by_letter_and_swedish_field_names(tmp_path):
    fixture = fx.limesurvey(tmp_path)
    mapping = tmp_path / "bokstav.toml"
    mapping.write_text('[kolumner]\nbetyg = "7"\n"kön" = "kon"\n"tillfälle" = "6"\n',
                       encoding="utf-8")
    export = read_export(fixture.path, mapping)
    assert export.columns == {"betyg": "betyg", "kon": "kon", "tillfalle": "tillf"}
    assert export.column_letters == {"betyg": "7", "kon": "8", "tillfalle": "6"}


def test_an_ambiguous_header_in_a_mapping_is_named(tmp_path):
    fixture = fx.surveymonkey(tmp_path)
    mapping = tmp_path / "tvetydig.toml"
    mapping.write_text('rubrikrader = 2\n[kolumner]\nbetyg = "Vad var bäst?"\n',
                       encoding="utf-8")
    with pytest.raises(ImportFormatError) as caught:
        read_export(fixture.path, mapping)
    assert "passar flera kolumner (kolumn 12, kolumn 13 och kolumn 14)" in caught.value.message


def test_starting_mapping_is_valid_toml_that_reads_the_file_once_filled_in(tmp_path):
    fixture = fx.limesurvey(tmp_path)
    text = starting_mapping(fixture.path)
    parsed = tomllib.loads(text)
    assert parsed["kolumner"] == {"betyg": "betyg", "kon": "kon", "kommentar": "kommentar",
                                  "tillfalle": "tillf", "svar": "id"}
    assert parsed["omkodning"]["betyg"] == {"A2": "", "A1": "", "A3": ""}
    assert parsed["avgransare"] == ";"
    assert "#   7: \"betyg\" – tre olika svar:" in text
    filled = text.replace('"A1" = ""', '"A1" = "4"').replace('"A2" = ""', '"A2" = "3"') \
        .replace('"A3" = ""', '"A3" = "2"')
    mapping = tmp_path / "ifylld.toml"
    mapping.write_text(filled, encoding="utf-8")
    export = read_export(fixture.path, mapping)
    assert export.recode["betyg"] == {"a1": "4", "a2": "3", "a3": "2"}
    assert export.recode["kon"] == {}  # "F" = "" is not filled in yet
    assert len(export.answers) == len(fixture.expected)


def test_starting_mapping_copies_no_address_name_or_comment(tmp_path):
    google = starting_mapping(fx.google_csv(tmp_path).path)
    assert "Mer tid för frågor" not in google
    assert '#   8: "Övriga kommentarer" – fritext, ett ifyllt svar' in google
    fixture = fx.surveymonkey(tmp_path)
    text = starting_mapping(fixture.path)
    assert "@" not in text and "Efternamn" not in text and "192.0.2" not in text
    assert tomllib.loads(text)["rubrikrader"] == 2
    assert '"Hur nöjd är du med utbildningen som helhet? / Response"' in text


def test_a_formula_in_an_export_is_never_run(tmp_path):
    from openpyxl import load_workbook

    path = fx.forms_english(tmp_path).path
    wb = load_workbook(path)
    wb.active["J2"] = "=1+1"  # saved without a computed value, as a script would write it
    wb.save(path)
    assert read_export(path).answers[0].values["kommentar"] == ""


def test_control_characters_in_a_cell_become_spaces(tmp_path):
    fixture = fx.google_csv(tmp_path)
    text = fixture.path.read_text(encoding="utf-8").replace("Bra kväll.", "Bra\x1b[31m kväll.")
    fixture.path.write_text(text, encoding="utf-8")
    comment = read_export(fixture.path).answers[1].values["kommentar"]
    assert comment == "Bra [31m kväll.\nMer tid för frågor, tack!"


@pytest.mark.parametrize("content, words", [
    (b"", "tom"),
    (b"\x00\x01\x02\x03binary\x00\xff\xfe\x00", "varken en arbetsbok"),
    (b"PK\x03\x04trasig", "ingen giltig arbetsbok"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "äldre Excel-arbetsbok (.xls)"),
    ("ods", "OpenDocument-kalkylark (.ods)"),
])
def test_files_that_are_no_export_are_refused_by_name(tmp_path, content, words):
    path = tmp_path / "konstig.xlsx"
    if content == "ods":
        import zipfile

        with zipfile.ZipFile(path, "w") as z:
            z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
            z.writestr("content.xml", "<office:document-content/>")
    else:
        path.write_bytes(content)
    with pytest.raises(ImportFormatError) as caught:
        read_export(path)
    assert caught.value.message.startswith("konstig.xlsx")
    assert words in caught.value.message


def test_a_file_larger_than_any_export_is_refused_before_reading(tmp_path, monkeypatch):
    from pk_report.importing import grid

    fixture = fx.google_csv(tmp_path)
    monkeypatch.setattr(grid, "MAX_EXPORT_BYTES", 100)
    with pytest.raises(ImportFormatError, match="mer än en export"):
        read_export(fixture.path)


def test_a_sheet_spread_over_millions_of_cells_is_refused_before_parsing(tmp_path,
                                                                         monkeypatch):
    from pk_report.importing import grid

    fixture = fx.forms_english(tmp_path)
    monkeypatch.setattr(grid, "MAX_CELLS", 100)
    monkeypatch.setattr(grid, "_calamine_sheet", None)  # never reached
    with pytest.raises(ImportFormatError) as caught:
        read_export(fixture.path)
    assert "Bladet ”Sheet1” spänner över 650 celler" in caught.value.message  # 25 x 26


def test_a_quote_never_closed_names_the_line(tmp_path):
    path = tmp_path / "citat.csv"
    path.write_text('Tidstämpel,Betyg\n2010/11/09 9:00:00 PM CET,3\n2010/11/09 9:01:00 PM CET,"'
                    + "x" * 140_000 + "\n", encoding="utf-8")
    with pytest.raises(ImportFormatError) as caught:
        read_export(path)
    assert caught.value.message.startswith("citat.csv: rad 3: en cell är längre än en cell i "
                                           "Excel rymmer (32\u00a0767 tecken)")
    assert "citattecknen" in caught.value.message


def test_an_export_without_answers_says_so(tmp_path):
    path = tmp_path / "tom.csv"
    path.write_text("Tidstämpel,Vilket betyg ger du kvällen?,Kön\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="rubriker men inga svar ännu"):
        read_export(path)


def test_damaged_exports_give_a_message_never_a_crash(tmp_path):
    import random

    rnd = random.Random(22)
    seeds = [make(tmp_path) for make in fx.ALL_EVALUATIONS + fx.ALL_ATTENDANCE]
    damaged = tmp_path / "skadad"
    for _ in range(150):
        fixture = rnd.choice(seeds)
        data = bytearray(fixture.path.read_bytes())
        for _ in range(rnd.randint(1, 20)):
            pos = rnd.randrange(len(data))
            op = rnd.random()
            if op < 0.4:
                data[pos] = rnd.randrange(256)
            elif op < 0.7:
                del data[pos:pos + rnd.randint(1, 50)]
            else:
                data[pos:pos] = bytes([rnd.choice(b';,\t\n\r"\x00@')]) * rnd.randint(1, 5)
        damaged.with_suffix(fixture.path.suffix).write_bytes(bytes(data))
        for read in (lambda: read_export(damaged.with_suffix(fixture.path.suffix),
                                         fixture.mapping),
                     lambda: starting_mapping(damaged.with_suffix(fixture.path.suffix))):
            try:
                read()
            except ImportFormatError as exc:
                assert exc.message.rstrip().endswith((".", ")")), exc.message


def test_answers_are_plain_frozen_data(tmp_path):
    export = read_export(fx.forms_english(tmp_path).path)
    with pytest.raises(dataclasses.FrozenInstanceError):
        export.answers[0].row = 1  # type: ignore[misc]
