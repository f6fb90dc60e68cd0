"""Writes docs/felkatalog.md: every kind of bad input in tests/bad_inputs/ and what the user
sees for it, taken from running pk-report on it (so the catalogue cannot drift from the code).

Run:  python tools/make_catalogue.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from hostile_cases import CASES as HOSTILE, message, run_case  # noqa: E402
from test_bad_inputs import CASES, build_case  # noqa: E402

from pk_report.pipeline import inspect  # noqa: E402

HEAD = """# Felkatalog: felaktig indata och vad användaren ser

Varje rad är ett fall i `tests/bad_inputs/` (exempeldatan med ett fel infört). Meddelandet är
det som `pk-report validera` skriver, och avslutningskoden är 1 i alla fall. `pk-report build`
och `pk-report stats` stannar på samma sätt, med samma lista, innan något skrivs.
Filen skapas av `python tools/make_catalogue.py`.

| fall | form | plats | vad användaren ser |
|---|---|---|---|
"""

HOSTILE_HEAD = """
## Fientlig indata: kommandon som användaren kör (tests/hostile_cases.py)

Varje rad är ett kommando som körs som användaren kör det, med den avslutningskod det gav och
det användaren såg (eller, när utfallet är ett beteende, vad som gäller efteråt). Koderna:
0 klart, 1 datan eller utdatafilen går inte att använda, 2 kommandoraden är fel; aldrig 70.

| fall | kod | vad användaren ser |
|---|---|---|
"""

TAIL = """
## Fientliga och trasiga filer (tests/test_hostile.py)

| fall | vad som händer |
|---|---|
| fil över 300 MB (t.ex. 2 GB) | avvisas innan den läses: ”Filen är … MB, mer än vad en registerfil rimligen är” |
| zip-bomb (en del packas upp till hundratals MB ur några kB) | avvisas innan den packas upp: ”… är misstänkt hårt packad … och läses inte” |
| arbetsbok som packas upp till över 2 GB | avvisas: ”Arbetsboken packas upp till mer än 2 GB och läses inte” |
| blad med celler långt ut (A1 och ZZ1000000 i en fil på 5 kB) | avvisas innan python-calamine läser bladet (calamine skulle avbryta hela processen): ”Bladet … har celler utspridda över …” |
| .ods som kräver för mycket minne | läses i en barnprocess (med minnesgräns där `fork` och `resource` finns, annars startad med `spawn`); processen avbryts, verktyget skriver ”läsningen avbröts (den krävde mer minne än 3 GB)” |
| utdatafil i en mapp som inte finns / en mapp som utdatafil | ”Mappen … finns inte” / ”… är en mapp. Ange ett filnamn” (kod 1) |
| ingen skrivbehörighet, filen öppen i Word | ”Kan inte skriva … Kontrollera behörigheten” / ”Är filen öppen i Word? Stäng den och försök igen, eller kontrollera behörigheten.”; en befintlig fil lämnas orörd |
| text som börjar med = + - @ i data | CSV-utdata får en apostrof först; Markdown, HTML och Word visar texten som text |
| namn och fritextkommentarer | syns aldrig i någon utdata (kommentarer bara med `--med-kommentarer`) |
| utvärderingsgrupper under anonymitetsgränsen | döljs i rapporten och i `stats --per kon`, liksom den grupp som annars kunde räknas fram |
| bild i registratorns text (`texter`, `beskrivning`): `![x](/sökväg/fil)`, `![x](../fil.png)` | ingen fil läses (pandoc i sandlåda); bilden blir sin alternativtext i Word, PDF och HTML (kod 0) |
| bild från nätet i texten: `![x](http://…)` | inget anrop görs och bygget väntar inte; bilden blir sin alternativtext (kod 0) |
| rå utdata i texten: ```` ```{=openxml} ````, `<script>`, ```` ```{=typst} ````, `\\input{…}` | visas som text; Word-filen är hel, inget skript i HTML, inget körs i PDF (kod 0) |
| fel i den egna PDF-mallen `rapport.typ` (`--mallar`) | ”PDF-filen kunde inte skapas: … Rätta mallen rapport.typ i din mallmapp, eller ta bort den …” (kod 1); ingen fil skrivs |

## Varningar (avslutningskod 0)

Data som går att använda men ser konstig ut. `pk-report validera` listar varningarna med plats;
`build` och `stats` skriver dem inte men säger på stderr hur många de är och vilket kommando
som visar dem (”Datan har en varning; kör pk-report validera --data … för att se den.”).

| fall | vad användaren ser |
|---|---|
| blad eller CSV-fil som inte hör till formatet | ”Bladet … hör inte till dataformatet och läses inte.” |
| kolumn som inte hör till formatet | ”Kolumnen … ingår inte i dataformatet och läses inte.” |
| framflyttat tillfälle utan nytt datum (tom cell; ett felaktigt värde är i stället ett fel) | ”Framflyttat tillfälle utan nytt datum. Fyll i ”nytt_datum” …” |
| tillfälle med både antal_deltagare och rader i deltagare | ”Tillfället har också rader på bladet ”deltagare”, så ”antal_deltagare” används inte. …” |
| utvärdering av ett tillfälle som inte genomfördes | ”Utvärdering för ett tillfälle som inte genomfördes.” |
| negativt belopp | ”Negativt belopp: räknas som en kreditering …” |
| okänd inställning | ”Okänd inställning. Kända är …” |
| fler utvärderingar än personer att räkna dem mot | ”Kursen … har 3 utvärderingar men 2 deltagande politiker att räkna dem mot, så svarsfrekvensen blir 150 procent. Kontrollera att utvärderingarna (raderna 2–4 i filen utvarderingar.csv) hör till rätt kurs …”, på den första av raderna |
"""


def hostile_lines() -> list[str]:
    """One row per hostile case, from running it."""
    rows = []
    for case in HOSTILE:
        with tempfile.TemporaryDirectory() as tmp:
            code, output = run_case(case, Path(tmp))
            seen = case.shown or message(output, case.needle, Path(tmp))
        cell = seen.replace("|", "\\|")
        rows.append(f"| {case.what} | {code} | {cell} |")
    return rows


USAGE_HEAD = """
## Kommandoraden (avslutningskod 2)

Fel i kommandot, inte i datan: inget läses eller skrivs. Meddelandet är det som pk-report
skriver (taget ur en körning).

| fall | kommando | vad användaren ser |
|---|---|---|
"""

USAGE_CASES = [
    ("sökväg som inte finns", ["validera", "--data", "Register 2009/saknas.xlsx"]),
    ("sökväg som inte finns, i miljövariabeln", ["stats"],
     {"PK_REPORT_DATA": "/mnt/delad/register.xlsx"}),
    ("-o utan filändelse", ["build", "2009", "-o", "rapport"]),
]

USAGE_TAIL = """| sökväg som inte går att läsa (ingen behörighet) | `validera --data låst.xlsx` | ”Kan inte läsa låst.xlsx (angiven med --data): du har inte behörighet att läsa den. Be den som äger den om läsbehörighet, eller kopiera registret till en egen mapp och ange kopian.” |

Tusentals okända id:n (t.ex. 3 000 deltagarrader mot 350 tillfällen) ger ett fel per rad med
kod 1 på en bråkdel av en sekund: förslagen (”Menade du …”) räknas en gång per okänt värde och
har ett tak (se docs/beslut.md).
"""


def usage_rows() -> list[str]:
    from typer.testing import CliRunner

    from pk_report.cli import app

    rows = []
    for name, argv, *env in USAGE_CASES:
        result = CliRunner().invoke(app, argv, env=env[0] if env else None)
        assert result.exit_code == 2, (argv, result.output)
        message = " ".join(result.output.split()).removeprefix("Fel: ").replace("|", "\\|")
        rows.append(f"| {name} | `{' '.join(argv)}` | ”{message}” |")
    return rows


def main() -> None:
    lines = []
    for path in CASES:
        case = json.loads(path.read_text(encoding="utf-8"))
        with tempfile.TemporaryDirectory() as tmp:
            data = build_case(case, Path(tmp))
            expect = case["expect"]
            problems = [p for p in inspect(data).errors
                        if p.table == expect["table"] and p.row == expect["row"]
                        and (expect["column"] is None or p.column == expect["column"])]
            p = problems[0]
            place = p.place().replace("|", "\\|")
            message = p.message.replace("|", "\\|")
            if p.value:
                message = f"(värde ”{p.value}”) {message}"
            lines.append(f"| {path.stem.replace('_', ' ')} | {case['form']} | {place} | {message} |")
    out = ROOT / "docs" / "felkatalog.md"
    out.write_text(HEAD + "\n".join(lines) + "\n" + USAGE_HEAD + "\n".join(usage_rows()) + "\n"
                   + USAGE_TAIL + HOSTILE_HEAD + "\n".join(hostile_lines()) + "\n" + TAIL,
                   encoding="utf-8")
    print(f"Wrote {out}")


if __name__ == "__main__":
    main()
