"""The data contract of DATAFORMAT.md as data: tables, columns, kinds, defaults, closed lists.

Readers, the validator and ``pk-report mall`` all work from these definitions, so the
contract is written down once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Kinds of column. Each has one parser in ``cells.py``.
TEXT = "text"
INT = "int"  # a whole number ("12.0" is 12)
DATE = "date"  # ISO date or a native date cell
MONTH_OR_DATE = "month_or_date"  # 2010-03 or 2010-03-15
BOOL = "bool"
AMOUNT = "amount"  # kronor: "731 322,00 kr"
GRADE = "grade"  # a value or a label of the grading scale; resolved after reading
CHOICE = "choice"  # a closed list, see ``choices``
YEAR_OR_PERIOD = "year_or_period"  # 2009, or a period 2007-2010 (texter: a period report's texts)

YES_NO = {"ja": True, "j": True, "x": True, "1": True, "nej": False, "n": False, "0": False}

KON = {"k": "K", "kvinna": "K", "m": "M", "man": "M", "x": "X", "annat": "X"}
KON_LABELS = {"K": "kvinnor", "M": "män", "X": "annat", "": "okänt"}

STATUS = {"genomford": "genomförd", "installd": "inställd", "avbokad": "inställd",
          "framflyttad": "framflyttad"}

ORGTYP = {
    "stadsdel": "stadsdel", "stadsdelsnamnd": "stadsdel", "stadsdelsforvaltning": "stadsdel",
    "fack": "fack", "facknamnd": "fack", "fackforvaltning": "fack",
    "bolag": "bolag", "bolagsstyrelse": "bolag",
    "kommunstyrelse": "kommunstyrelse", "ks": "kommunstyrelse",
    "fullmaktige": "fullmaktige", "kf": "fullmaktige",
    "stiftelse": "stiftelse", "ovrigt": "ovrigt",
}
# The words a clerk writes for the ids that the contract spells without å, ä, ö (dropdowns,
# messages): the ids themselves stay the keys of stats and of the report's context.
WORDS = {"fullmaktige": "fullmäktige", "ovrigt": "övrigt"}
ORGTYP_ORDER = ["stadsdel", "fack", "bolag", "kommunstyrelse", "fullmaktige", "stiftelse", "ovrigt"]

POLITICAL_ROLES = ["ordförande", "vice ordförande", "ledamot", "ersättare"]
OFFICIAL_ROLES = ["chef", "tjänsteman"]
ROLL = {"ordforande": "ordförande", "vice_ordforande": "vice ordförande", "ledamot": "ledamot",
        "ersattare": "ersättare", "chef": "chef", "tjansteman": "tjänsteman"}
STYRGRUPP_ROLL = {k: v for k, v in ROLL.items() if v in POLITICAL_ROLES}

IDI_STYLES = ["Motivator", "Producer", "Processor", "Relator"]
STIL = {s.lower(): s for s in IDI_STYLES}

# Sheets (and CSV files) that are no table: pk-report mall's instructions and examples, a
# "läs mig". Skipped without a word, in a workbook and in a CSV folder exported from one.
IGNORED_SHEETS = {"instruktioner", "exempel", "lasmig", "las_mig"}

TEXT_SECTIONS = ["inledning", "allmant", "avslutning"]
# only in a year's report: after the lists of the courses given (docs/beslut.md)
YEAR_SECTIONS = ["utbildningsinsatser"]
EVALUATION = "/utvardering"  # KURS_ID/utvardering: a text under the course's evaluation


def text_section(avsnitt: str, named: list[str]) -> str:
    """An avsnitt as the report looks it up: a named section in its plain spelling
    ('Inledning' -> 'inledning'), 'KURS_ID/Utvärdering' as 'KURS_ID/utvardering', else as
    written (a kurs_id)."""
    from pk_report.names import norm_name

    if norm_name(avsnitt) in named:
        return norm_name(avsnitt)
    course, slash, part = avsnitt.rpartition("/")
    if slash and course.strip() and norm_name(part) == EVALUATION[1:]:
        return course.strip() + EVALUATION
    return avsnitt
SETTINGS = {"kommun": "", "avrundning": "nedat", "anonymitetsgrans": "5", "datum": "",
            "diarienummer": ""}
ROUNDING = {"nedat": "nedat", "narmaste": "narmaste"}

DEFAULT_SCALE = [(1, "Underkänt", False), (2, "Godkänt", False), (3, "Mer än godkänt", True),
                 (4, "Utmärkt", True)]


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = TEXT
    required: bool = False
    default: str = ""
    choices: dict[str, str] | None = None
    help: str = ""

    @property
    def label(self) -> str:
        """The header as the clerk reads it in the workbook (``Kön`` for ``kon``)."""
        return column_label(self.name)


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    optional: bool = False
    help: str = ""
    key: tuple[str, ...] = field(default=())

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def label(self) -> str:
        """The tab as the clerk reads it in the workbook (``Tillfällen`` for ``tillfallen``)."""
        return table_label(self.name)


# The names a clerk reads: the workbook's tabs and headers (pk-report mall), its help and
# instructions, the messages where a register does not name a table or column itself, and the
# docs. Each is the contract's name as DATAFORMAT.md matches it loosely (case, å/ä/ö, space,
# hyphen and underscore ignored), so a register with either spelling is the same register;
# a test holds every label to norm_name(label) == name.
TABLE_LABELS = {
    "kurser": "Kurser", "tillfallen": "Tillfällen", "deltagare": "Deltagare",
    "utvarderingar": "Utvärderingar", "idi": "IDI", "kostnader": "Kostnader",
    "styrgrupp": "Styrgrupp", "sammantraden": "Sammanträden", "texter": "Texter",
    "installningar": "Inställningar", "betygsskala": "Betygsskala",
}
COLUMN_LABELS = {
    "ar": "År", "kurs_id": "Kurs-ID", "namn": "Namn", "tema": "Tema", "malgrupp": "Målgrupp",
    "i_plan": "I plan", "planerade_tillfallen": "Planerade tillfällen",
    "min_anmalda": "Min anmälda", "inbjudna": "Inbjudna", "beskrivning": "Beskrivning",
    "tillfalle_id": "Tillfälle-ID", "datum": "Datum", "omfattning": "Omfattning",
    "status": "Status", "orsak": "Orsak", "nytt_datum": "Nytt datum",
    "antal_deltagare": "Antal deltagare", "kon": "Kön", "organisation": "Organisation",
    "organisationstyp": "Organisationstyp", "roll": "Roll", "narvarande": "Närvarande",
    "betyg": "Betyg", "kommentar": "Kommentar", "svar_id": "Svar-ID", "post": "Post",
    "belopp": "Belopp", "parti": "Parti", "anteckning": "Anteckning", "varde": "Värde",
    "etikett": "Etikett", "mycket_nojd": "Mycket nöjd", "stil": "Stil", "avsnitt": "Avsnitt",
    "text": "Text", "nyckel": "Nyckel",
}


def table_label(name: str) -> str:
    """``Tillfällen`` for ``tillfallen``; a name the contract does not know, as it is."""
    return TABLE_LABELS.get(name, name)


def column_label(name: str) -> str:
    """``Kön`` for ``kon``; a name the contract does not know, as it is."""
    return COLUMN_LABELS.get(name, name)


def as_written(name: str, label: str, written: dict[str, str]) -> str:
    """A name the register lacks (a column, a sheet), written as the register writes the
    others it has (``written``: contract name -> as written): the plain name in a register
    of plain names (``kurs_id``, ``kostnader``), else as the mall writes it (``Kurs-ID``)."""
    if written and all(text == key for key, text in written.items()):
        return name
    return label


C = Column
# In the order a clerk fills them (the workbook's tabs, and problems are listed so): the
# courses of the plan, then per session who came and what they thought, the costs, the
# steering group, and at the year's end the texts; settings and a scale of their own last.
TABLES: dict[str, Table] = {t.name: t for t in [
    Table("kurser", (
        C("ar", INT, True, help="Året, t.ex. 2009"),
        C("kurs_id", TEXT, True, help="Kort id, unikt inom året; samma id olika år = samma kurs"),
        C("namn", TEXT, True, help="Kursens namn som det skrivs i rapporten"),
        C("tema", help="Grupp att filtrera på, t.ex. genus"),
        C("malgrupp", help="Målgrupp (”Riktad till …”)"),
        C("i_plan", BOOL, default="ja", choices=YES_NO, help="Ingår i den antagna utbildningsplanen"),
        C("planerade_tillfallen", INT, help="Antal planerade tillfällen"),
        C("min_anmalda", INT, help="Minsta antal anmälda för att ett tillfälle ska hållas"),
        C("inbjudna", INT, help="Antal inbjudna"),
        C("beskrivning", help="Text till ”Innehåll och genomförande” (Markdown går bra)"),
    ), help="En rad per kurs och år", key=("ar", "kurs_id")),
    Table("tillfallen", (
        C("tillfalle_id", TEXT, True, help="Unikt i hela arbetsboken"),
        C("kurs_id", TEXT, True, help="En kurs på bladet Kurser samma år"),
        C("datum", DATE, help="Datum då tillfället hölls eller var planerat (ÅÅÅÅ-MM-DD)"),
        C("ar", INT, help="Året; behövs bara när Datum saknas"),
        C("omfattning", help="T.ex. kväll, halvdag, heldag, två dagar, internat"),
        C("status", CHOICE, default="genomförd", choices=STATUS,
          help="genomförd, inställd eller framflyttad (avbokad = inställd); tomt = genomförd"),
        C("orsak", help="Varför tillfället ställdes in eller flyttades"),
        C("nytt_datum", MONTH_OR_DATE, help="För framflyttad: nytt datum (2010-03-09) eller bara månad (2010-03 eller mars 2010)"),
        C("antal_deltagare", INT, help="Antal deltagare, bara när tillfället saknar rader på bladet Deltagare"),
    ), help="En rad per utbildningstillfälle", key=("tillfalle_id",)),
    Table("deltagare", (
        C("tillfalle_id", TEXT, True, help="Tillfället"),
        C("namn", help="Namn eller person-id; används för att räkna unika personer"),
        C("kon", CHOICE, choices=KON, help="kvinna, man eller annat (eller K, M, X); tomt = okänt"),
        C("organisation", help="T.ex. Tekniska nämnden"),
        C("organisationstyp", CHOICE, default="ovrigt", choices=ORGTYP,
          help="stadsdel, fack, bolag, kommunstyrelse, fullmäktige, stiftelse eller övrigt "
               "(också t.ex. stadsdelsnämnd, facknämnd, bolagsstyrelse, KS, KF)"),
        C("roll", CHOICE, default="ledamot", choices=ROLL,
          help="ordförande, vice ordförande, ledamot, ersättare, chef eller tjänsteman"),
        C("narvarande", BOOL, default="ja", choices=YES_NO, help="nej = anmäld men kom inte"),
    ), help="En rad per anmäld person och tillfälle"),
    Table("utvarderingar", (
        C("tillfalle_id", help="Tillfället; eller lämna tomt och fyll i Kurs-ID och År"),
        C("kurs_id", help="Kursen, när blanketten inte hör till ett visst tillfälle"),
        C("ar", INT, help="Året, tillsammans med Kurs-ID"),
        C("kon", CHOICE, choices=KON, help="kvinna, man eller annat (eller K, M, X); tomt = okänt"),
        C("betyg", GRADE, True, help="Ett värde i betygsskalan, som siffra eller som text (standard: 1 Underkänt, 2 Godkänt, 3 Mer än godkänt, 4 Utmärkt)"),
        C("kommentar", help="Fritext; skrivs aldrig ut i rapporten om du inte ber om det"),
        C("svar_id", help="Sätts av pk-report importera: vilket svar i vilken export raden kom "
                          "från, så att samma svar aldrig läggs till två gånger (aldrig en person)"),
    ), help="En rad per inlämnad utvärdering"),
    Table("idi", (
        C("tillfalle_id", TEXT, True, help="Tillfället"),
        C("stil", CHOICE, True, choices=STIL, help="Motivator, Producer, Processor eller Relator"),
    ), optional=True, help="En rad per deltagares IDI-profil (valfri)"),
    Table("kostnader", (
        C("ar", INT, True, help="Året, t.ex. 2009"),
        C("kurs_id", help="Tomt = gemensam kostnad för styrgruppen"),
        C("post", help="Vad som betalades"),
        C("belopp", AMOUNT, True, help="Kronor; ett negativt belopp är en kreditering"),
    ), help="En rad per kostnadspost"),
    Table("styrgrupp", (
        C("ar", INT, True, help="Året, t.ex. 2009"),
        C("namn", TEXT, True, help="Ledamotens namn"),
        C("parti", help="Partiförkortning, t.ex. S"),
        C("roll", CHOICE, default="ledamot", choices=STYRGRUPP_ROLL,
          help="ordförande, vice ordförande, ledamot eller ersättare"),
    ), help="En rad per ledamot och år"),
    Table("sammantraden", (
        C("datum", DATE, True, help="Datum för sammanträdet"),
        C("anteckning", help="Valfri anteckning"),
    ), help="En rad per sammanträde med styrgruppen"),
    Table("texter", (
        C("ar", YEAR_OR_PERIOD, True, help="År, eller en period (2007-2010) för periodrapporten"),
        C("avsnitt", TEXT, True, help="inledning, utbildningsinsatser, allmänt, avslutning, ett kurs-ID eller "
                                      "KURS-ID/utvärdering"),
        C("text", TEXT, True, help="Din egen text (Markdown går bra)"),
    ), optional=True, help="Egna texter till rapporten (valfri)"),
    Table("installningar", (
        C("nyckel", TEXT, True, help="kommun, avrundning, anonymitetsgräns, datum eller diarienummer"),
        C("varde", TEXT, help="Värdet"),
    ), optional=True, help="Inställningar (valfri)"),
    Table("betygsskala", (
        C("varde", INT, True, help="Betygets värde, t.ex. 4"),
        C("etikett", TEXT, True, help="Betygets text, t.ex. Utmärkt"),
        C("mycket_nojd", BOOL, default="nej", choices=YES_NO, help="Räknas som mycket nöjd"),
    ), optional=True, help="Betygsskalan (valfri; standard är 1–4)"),
]}
