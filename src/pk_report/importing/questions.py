"""Which question of a form is the grade, the gender, the comment, the session.

The answers decide the grade (they must all be a value or label of the grading scale), the
header and the answers together the gender; the header alone the comment and the session.
When the grade is not one question exactly, the clerk names it in a mapping: the message lists
the candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pk_report.swedish import join, number_word

from .model import ImportFormatError

# The default scale of DATAFORMAT.md, values and labels.
DEFAULT_SCALE = ("1", "2", "3", "4", "underkänt", "godkänt", "mer än godkänt", "utmärkt")
GENDER_HEADERS = ("kön", "kon", "gender", "sex", "kjønn", "køn", "geschlecht", "sukupuoli")
GENDER_VALUES = {
    "kvinna", "man", "annat", "k", "m", "x", "kvinnor", "män", "woman", "female", "male",
    "other", "vill inte uppge", "vill ej uppge", "föredrar att inte svara", "prefer not to say",
    "icke-binär", "ickebinär", "non-binary", "annan", "okänt", "kvinde", "mand", "mann",
}
COMMENT_WORDS = ("kommentar", "synpunkt", "övrig", "comment", "feedback on", "remarks",
                 "förbättr", "fritext", "tycker du", "medskick")
SESSION_WORDS = ("tillfälle", "tillfället", "session", "occasion", "vilken kväll",
                 "vilket datum", "vilken dag")
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Case and spaces ignored: '  Mer  än Godkänt ' -> 'mer än godkänt'."""
    return _SPACE.sub(" ", text).strip().casefold()


@dataclass(frozen=True)
class Question:
    index: int                  # 0-based column
    header: str
    values: tuple[str, ...]     # the answers, one per response ("" for none)
    letter: str = ""            # column letter or number as the clerk sees it

    def answered(self) -> list[str]:
        return [v for v in self.values if v.strip()]

    def label(self) -> str:
        return f"”{self.header}” (kolumn {self.letter})" if self.letter else f"”{self.header}”"


def _grade_words(scale: Iterable[str]) -> set[str]:
    words = {fold(w) for w in DEFAULT_SCALE}
    words.update(fold(w) for w in scale if str(w).strip())
    return words


def fits_scale(q: Question, scale: Iterable[str] = ()) -> bool:
    words = _grade_words(scale)
    answered = q.answered()
    return bool(answered) and all(fold(v) in words for v in answered)


def is_gender(q: Question) -> bool:
    header = fold(q.header)
    named = any(re.search(rf"(^|\W){re.escape(w)}($|\W)", header) for w in GENDER_HEADERS)
    answered = [fold(v) for v in q.answered()]
    fitting = sum(v in GENDER_VALUES for v in answered)
    if named:
        return not answered or fitting * 2 >= len(answered)
    words = {"kvinna", "man", "woman", "female", "male"}
    return bool(answered) and fitting == len(answered) and any(v in words for v in answered)


def header_has(q: Question, words: tuple[str, ...]) -> bool:
    header = fold(q.header)
    return any(w in header for w in words)


def recognise(questions: list[Question], path_name: str, scale: Iterable[str] = ()
              ) -> dict[str, Question]:
    """Canonical field -> question, for betyg, kon, kommentar and tillfalle.

    Raises ImportFormatError, listing the candidates, unless exactly one question is a grade.
    """
    found: dict[str, Question] = {}
    genders = [q for q in questions if is_gender(q)]
    if genders:
        found["kon"] = genders[0]
    rest = [q for q in questions if q is not found.get("kon")]
    grades = [q for q in rest if fits_scale(q, scale)]
    if len(grades) != 1:
        raise ImportFormatError(_grade_message(path_name, grades, rest))
    found["betyg"] = grades[0]
    rest = [q for q in rest if q is not grades[0]]
    sessions = [q for q in rest if header_has(q, SESSION_WORDS)]
    if sessions:
        found["tillfalle"] = sessions[0]
        rest = [q for q in rest if q is not sessions[0]]
    comments = [q for q in rest if header_has(q, COMMENT_WORDS)]
    if comments:
        found["kommentar"] = comments[0]
    return found


def _grade_message(path_name: str, grades: list[Question], questions: list[Question]) -> str:
    fix = (f"Skriv en karta som anger betygsfrågan (kör pk-report importera "
           f"{shell_name(path_name)} "
           "--prova för att få en att fylla i) och importera med --karta KARTA.toml.")
    if grades:
        listed = _listing([q.label() for q in grades])
        return (f"{path_name}: {number_word(len(grades))} frågor har svar som passar "
                f"betygsskalan: {listed}. Vilken av dem som är betyget går inte att avgöra. {fix}")
    shown = _listing([q.label() for q in questions[:8]]) or "inga"
    more = f" (och {number_word(len(questions) - 8)} till)" if len(questions) > 8 else ""
    return (f"{path_name}: ingen fråga har svar som alla är betygsskalans värden eller "
            f"etiketter (1–4, Underkänt … Utmärkt). Frågorna är {shown}{more}. Om betyget "
            f"ges med andra ord behövs en omkodning; är filen en anmälan eller närvarolista, "
            f"skriv till = \"deltagare\" i kartan. {fix}")


def shell_name(name: str) -> str:
    """A file name as it is typed on the command line: in quotes when it holds a space."""
    return f'"{name}"' if re.search(r"[^\w.\-]", name) else name


def _listing(items: list[str]) -> str:
    return join(items) if items else ""
