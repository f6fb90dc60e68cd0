"""Issue 14 points 1 and 3: ``build 2008-2010`` writes the period report: key figures per year,
the development in sentences, the courses each year, participation per kind of board and by
gender, the plan over the period, the clerk's own texts for the period; a year missing from the
register is said to be missing, never zeros."""

import json
import re

import pytest
from typer.testing import CliRunner

from period_register import register
from pk_report.cli import app
from pk_report.report.build import report_bytes
from pk_report.year_span import YearSpan

runner = CliRunner()


def flat(text):
    return " ".join(text.replace("\u00a0", " ").split())


def table_rows(markdown, first_heading):
    """The rows of the Markdown table whose first heading is ``first_heading``, as lists."""
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {first_heading} |")
                 and lines[i + 1].startswith("|:--"))
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip().replace("\u00a0", " ") for c in line.strip("|").split("|")])
    return rows[0], {r[0]: r[1:] for r in rows[2:]}


@pytest.fixture(scope="module")
def period_md():
    return report_bytes(YearSpan(2008, 2010), None, "md", None, False).decode("utf-8")


def test_the_period_report_has_the_key_figures_of_stats_per_year(period_md):
    """Every key figure is the year table's (stats --per ar) or its persons' counterpart."""
    rows = {r["ar"]: r for r in json.loads(runner.invoke(
        app, ["stats", "2008-2010", "--per", "ar", "-f", "json"]).stdout)}
    heading, table = table_rows(period_md, "Nyckeltal")
    assert heading == ["Nyckeltal", "2008", "2009", "2010"]
    for label, key in [("Kurser i utbildningsplanen", "kurser_i_plan"),
                       ("Genomförda kurser totalt", "genomforda_kurser"),
                       ("Genomförda tillfällen", "genomforda_tillfallen"),
                       ("Deltaganden", "deltagare"),
                       ("Utvärderingar", "utvarderingar"), ("Total kostnad (kr)", "kostnad")]:
        assert table[label] == [f"{rows[y][key]:,}".replace(",", " ") for y in (2008, 2009, 2010)]
    # 2010 counts some courses on attendances and others on persons: no year rate to compare
    assert table["Svarsfrekvens (kurser som utvärderades)"] == \
        [f"{rows[y]['svarsfrekvens']} %" for y in (2008, 2009)] + ["–"]
    assert table["Mycket nöjda"][1] == f"{rows[2009]['andel_mycket_nojda']} %"
    assert table["Total kostnad (kr)"][1] == "731 322"
    # deltagare are unika_personer but for genus_ks 2009, 40 counted at one session and 14 named
    # at the other: the course counts the least it can have had, 40, not 54 (issue 19 point 4)
    # and is a lower bound, said so as the year's own report says it ("minst 582", finding 13)
    assert table["Deltagare (personer)"] == [("minst " if y == 2009 else "")
                                             + f"{rows[y]['unika_personer'] - (14 if y == 2009 else 0)}"
                                             for y in (2008, 2009, 2010)]
    # per participant divides by persons: 2010 has 577 attendances but 296 persons
    assert table["Kostnad per deltagare (kr)"][2] == f"{round(696850 / 296):,}".replace(",", " ")


def test_development_sentences_state_rises_and_falls(period_md):
    text = flat(period_md)
    # the sample's 2008 has three courses since issue 19 (a fullmäktige course), so it is
    # compared; the response rate is not (2010's forms per session count attendances)
    assert "Antalet deltagare ökade från 299 (2008) till minst 582 (2009) och minskade sedan till " \
           "296 (2010)." in text
    assert "Antalet genomförda kurser ökade varje år, från tre (2008) till sju (2010)." in text
    assert "Svarsfrekvensen för de kurser som utvärderades sjönk från 77 procent (2008) till " \
           "75 procent (2009)." in text
    assert "För 2010 anges ingen svarsfrekvens för hela året" in text
    assert "2010 lämnades utvärderingarna vid varje tillfälle" not in text
    assert "Den totala kostnaden ökade från 389 930 kronor (2008) till 731 322 kronor (2009) " \
           "och minskade sedan till 696 850 kronor (2010)." in text


def test_courses_given_each_year_and_the_plan_over_the_period(period_md):
    text = flat(period_md)
    assert "Under 2008 genomfördes tre kurser: ”Grundutbildning nämnd- och styrelseledamöter”, " \
           "”Workshop – modellen för ledning och styrning” och ”Introduktion för " \
           "kommunfullmäktiges ledamöter”." in text
    assert "Under 2010 genomfördes sju kurser" in text
    _, courses = table_rows(period_md, "Kurs")
    assert courses["Vidareutbildning sociala utskott"] == ["–", "framflyttad", "47"]
    assert courses["Genusutbildning – KS-ledamöter"] == ["–", "minst 40", "19"]  # issue 19 p. 4
    assert "sammanlagt 13 kurser; en kurs som fanns i planen flera år räknas en gång för varje " \
           "år. Nio av dem genomfördes det år de var planerade, två ställdes in, en flyttades " \
           "fram och en genomfördes inte." in text
    assert "”Vidareutbildning sociala utskott” (2009): framflyttad; genomfördes 2010." in text


def test_participation_per_kind_of_board_counts_politicians_and_officials_apart(period_md):
    _, boards = table_rows(period_md, "Deltagare (personer) från")
    _, key = table_rows(period_md, "Nyckeltal")
    assert boards["Tjänstemän"] == key["Tjänstemän"] == ["0", "38", "0"]
    politicians = [sum(int(r[i].replace(" ", "")) for label, r in boards.items()
                       if label not in ("Tjänstemän", "Nämnd eller styrelse okänd", "Totalt"))
                   for i in range(3)]
    assert [str(p) for p in politicians] == key["Politiker"]
    assert boards["Totalt"] == [v.removeprefix("minst ") for v in key["Deltagare (personer)"]]
    _, genders = table_rows(period_md, "Deltagare (personer)")
    assert [int(k) + int(m) + int(h) for k, m, h in zip(
        genders["Kvinnor"], genders["Män"], genders["Kön okänt"])] == \
        [int(v.removeprefix("minst ")) for v in key["Deltagare (personer)"]]
    assert "Antalet politiker från stadsdelsnämnderna, facknämnderna och bolagsstyrelserna " \
        "ökade 2009 och minskade 2010 (stadsdelsnämnderna 224, 269 och 135; facknämnderna 36, " \
        "137 och 71; bolagsstyrelserna 18, 90 och 26)." in flat(period_md)


def test_a_missing_year_is_said_to_be_missing_never_zeros(tmp_path):
    folder = register(tmp_path)
    result = runner.invoke(app, ["build", "2008-2010", "--data", str(folder)])
    assert result.exit_code == 0, result.output
    md = result.stdout
    assert "Registret har inga uppgifter för 2009." in flat(md)
    for heading in ("Nyckeltal", "Deltagare (personer) från", "Deltagare (personer)",
                    "Kostnad (kr)", "Kurs"):
        head, rows = table_rows(md, heading)
        column = head.index("2009") - 1
        assert {r[column] for r in rows.values()} == {"saknas"}, heading
    # the comparisons skip the missing year: 2008 straight to 2010
    assert "Antalet deltagare ökade från tre (2008) till tio (2010)." in flat(md)


def test_a_period_without_any_year_in_the_register_is_refused(tmp_path):
    result = runner.invoke(app, ["build", "2001-2003", "--data", str(register(tmp_path))])
    assert result.exit_code == 1 and "inga uppgifter för 2001–2003" in flat(result.output)


def test_the_clerks_texts_for_a_period(tmp_path):
    folder = register(tmp_path, texter=[
        {"ar": "2008-2010", "avsnitt": "inledning", "text": "Mandatperiodens **första** text."},
        {"ar": "2008–2010", "avsnitt": "avslutning", "text": "Förslag för nästa mandatperiod."},
        {"ar": "2008", "avsnitt": "inledning", "text": "Bara årsrapporten 2008."}])
    period = runner.invoke(app, ["build", "2008-2010", "--data", str(folder)]).stdout
    assert "Mandatperiodens **första** text." in period
    assert "Förslag för nästa mandatperiod." in period
    assert "Bara årsrapporten" not in period
    annual = runner.invoke(app, ["build", "2008", "--data", str(folder)]).stdout
    assert "Bara årsrapporten 2008." in annual and "Mandatperiodens" not in annual


def test_a_period_text_for_a_course_or_a_bad_period_is_an_error(tmp_path):
    folder = register(tmp_path, texter=[
        {"ar": "2008-2010", "avsnitt": "a", "text": "Om kurs A."},
        {"ar": "2010-2008", "avsnitt": "inledning", "text": "Baklänges."}])
    result = runner.invoke(app, ["validera", "--data", str(folder)])
    assert result.exit_code == 1
    text = flat(result.output)
    assert "En periods texter kan bara vara inledning, allmant eller avslutning" in text
    assert "Perioden slutar före den börjar" in text


def test_a_single_year_and_an_equal_range_give_the_annual_report():
    annual = runner.invoke(app, ["build", "2009"]).stdout
    assert runner.invoke(app, ["build", "2009-2009"]).stdout == annual
    assert annual.startswith("# Rapport från styrgruppen") and "Nyckeltal" not in annual


def test_words_for_small_numbers_digits_when_one_is_large(period_md):
    assert re.search(r"ökade varje år, från tre \(2008\) till sju \(2010\)", flat(period_md))
    assert "från 299 (2008)" in flat(period_md)


def test_golden_period_report(period_md):
    from pathlib import Path

    expected = (Path(__file__).parent / "golden" / "rapport_2008-2010.md").read_text(encoding="utf-8")
    assert period_md == expected, "report changed: run python tools/update_golden.py and read the diff"


def test_a_year_whose_courses_count_their_rates_on_different_bases_has_no_year_rate(tmp_path):
    """2010: one course's forms were collected at each of its two sessions (counted on the four
    attendances), another's once (counted on its three persons). The year's rate would add the
    two bases: the table shows "–", the chart leaves it out, and the text says why instead of
    claiming every 2010 form was collected per session (reader's finding 3)."""
    from helpers import minimal_tables, write_csv_folder

    kurser = [{"ar": 2009, "kurs_id": "a", "namn": "A"}, {"ar": 2010, "kurs_id": "b", "namn": "B"},
              {"ar": 2010, "kurs_id": "c", "namn": "C"}]
    tillfallen = [{"tillfalle_id": t, "kurs_id": k, "datum": d} for t, k, d in
                  [("a1", "a", "2009-03-01"), ("b1", "b", "2010-03-01"), ("b2", "b", "2010-04-01"),
                   ("c1", "c", "2010-05-01")]]
    deltagare = ([{"tillfalle_id": "a1", "namn": n} for n in ("p1", "p2", "p3")]
                 + [{"tillfalle_id": t, "namn": n} for t in ("b1", "b2") for n in ("q1", "q2")]
                 + [{"tillfalle_id": "c1", "namn": n} for n in ("r1", "r2", "r3")])
    forms = ([{"tillfalle_id": "a1", "betyg": "4"}] * 2 + [{"tillfalle_id": "b1", "betyg": "4"},
             {"tillfalle_id": "b2", "betyg": "3"}, {"tillfalle_id": "c1", "betyg": "4"}])
    folder = write_csv_folder(tmp_path / "d", minimal_tables(
        kurser=kurser, tillfallen=tillfallen, deltagare=deltagare, utvarderingar=forms))
    md = report_bytes(YearSpan(2009, 2010), folder, "md", None, False).decode("utf-8")
    _, table = table_rows(md, "Nyckeltal")
    assert table["Svarsfrekvens"] == ["66 %", "–"]  # 2 of 3, rounded as the settings say
    text = flat(md)
    assert "lämnades utvärderingarna vid varje tillfälle och räknas mot deltagandena, de " \
           "övriga åren" not in text
    assert ("För 2010 anges ingen svarsfrekvens för hela året: för en del kurser lämnades "
            "utvärderingarna vid varje tillfälle och räknas mot deltagandena, för de övriga mot "
            "deltagarna, och de två kan inte läggas ihop.") in text
    assert "Svarsfrekvensen" not in text.split("## Utvecklingen", 1)[1].split("##", 1)[0]
