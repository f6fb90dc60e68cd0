"""The preview an import shows before it writes: per session, the rows it would add, the grades
after recoding (a shifted recoding shows at once), the persons matched and new, the answers
already imported, and who was left out."""

from __future__ import annotations

from pk_report.importing.plan import ImportPlan, SessionPreview
from pk_report.swedish import join, number_word, quote, upper_first

KIND_WORDS = {"forms": "Microsoft Forms", "google": "Google Formulär", "teams": "Teams närvarolista",
              "karta": "med kartan"}
MAX_NAMES = 12


def _n(n: int, singular: str, plural: str, gender: str = "en", among=()) -> str:
    word = number_word(n, gender, among)
    return f"{word}{' ' if word.isalpha() else chr(0xa0)}{singular if n == 1 else plural}"


def preview_lines(plan: ImportPlan) -> list[str]:
    export = plan.export
    kind = KIND_WORDS.get(export.kind, export.kind)
    register = plan.register.path
    lines = [f"Import från {export.path.name} ({kind}) till {plan.target} i {register.name}:"]
    if not plan.sessions:
        lines.append("  Exporten har inga svar att importera.")
    for label, s in plan.sessions.items():
        lines.extend(_session_lines(plan, label, s))
    if plan.skipped:
        reasons: dict[str, list[str]] = {}
        for skipped in plan.skipped:
            reasons.setdefault(skipped.reason, []).append(skipped.who or f"rad {skipped.row}")
        lines.append(f"  Lämnas utanför: {_n(len(plan.skipped), 'rad', 'rader')}:")
        for reason, who in reasons.items():
            shown = [quote(w) for w in who[:MAX_NAMES]]
            more = f" och {len(who) - MAX_NAMES} till" if len(who) > MAX_NAMES else ""
            lines.append(f"    {reason}: {', '.join(shown)}{more}")
    total = len(plan.rows)
    changed = len(plan.updates)
    summary = f"Totalt: {_n(total, 'rad', 'rader', among=[changed])} att lägga till"
    if changed:
        summary += f" och {_n(changed, 'rad', 'rader', among=[total])} att ändra"
    lines.append(summary + ".")
    return lines


def _session_lines(plan: ImportPlan, label: str, s: SessionPreview) -> list[str]:
    what = "Tillfälle" if label in plan.register.sessions else "Kurs och år"
    out = [f"  {what} {label}: {_n(s.added, 'rad', 'rader')} läggs till."]
    if plan.target == "utvarderingar":
        if s.added:
            out.append("    Betyg efter omkodning:")
            for value, text in sorted(plan.register.scale.labels.items(), reverse=True):
                out.append(f"      {value} {text:<20} {s.grades.get(value, 0):>5}")
        if s.already_imported:
            out.append(f"    {upper_first(_n(s.already_imported, 'svar', 'svar', 'ett'))} "
                       "fanns redan i registret (importerade förut) och hoppas över.")
        if s.no_grade:
            out.append(f"    {upper_first(_n(s.no_grade, 'svar', 'svar', 'ett'))} utan betyg "
                       "tas inte med.")
        return out
    among = [s.signed_up, s.known, len(s.new)]
    parts = [f"{_n(s.signed_up, 'person', 'personer', among=among)} var redan anmäld"
             + ("a" if s.signed_up != 1 else "")]
    if s.marked_present:
        parts[0] += f" ({number_word(s.marked_present, among=among)} markeras som närvarande)"
    parts.append(f"{number_word(s.known, among=among)} känd{'a' if s.known != 1 else ''} från "
                 "andra tillfällen (organisation, roll och kön kopieras)")
    parts.append(f"{number_word(len(s.new), among=among)} ny{'a' if len(s.new) != 1 else ''} i "
                 "registret")
    out.append(f"    {upper_first(join(parts))}.")
    if s.new:
        shown = [quote(n) for n in s.new[:MAX_NAMES]]
        more = [f"{len(s.new) - MAX_NAMES} till"] if len(s.new) > MAX_NAMES else []
        out.append(f"    Nya (fyll i organisation, organisationstyp, roll och kön): "
                   f"{join(shown + more)}.")
    return out


def rows_text(added: int, changed: int = 0) -> str:
    """'23 rader tillagda', 'en rad tillagd och två ändrade'."""
    among = [added, changed]
    text = f"{_n(added, 'rad', 'rader', among=among)} {'tillagd' if added == 1 else 'tillagda'}"
    if changed:
        text += f" och {number_word(changed, among=among)} {'ändrad' if changed == 1 else 'ändrade'}"
    return text
