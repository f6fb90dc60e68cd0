"""Table details every format shares (issue 20 point 13), done on the document tree.

- A total row ("Totalt", "Genomförda kurser totalt") is set in bold.
- A "varav" row ("– varav inställda") is indented under the row it belongs to: its dash
  becomes an em space, so the row reads as a part of the one above in print and aloud.
"""

from __future__ import annotations

from pk_report.report.tree import nodes, stringify

EM_SPACE = "\u2003"


def _is_total(label: str) -> bool:
    words = label.lower().split()
    return bool(words) and (words[0] == "totalt" or words[-1] == "totalt")


def _body_rows(table: dict) -> list:
    _attr, _caption, _specs, _head, bodies, foot = table["c"]
    rows = []
    for _battr, _heads, inter, body in bodies:
        rows += inter + body
    return rows + foot[1]


def _strong(cell: dict) -> None:
    for block in cell[4]:
        if block["t"] in ("Plain", "Para") and block["c"]:
            block["c"] = [{"t": "Strong", "c": block["c"]}]


def set_off(tree: dict) -> dict:
    """Total rows in bold, "varav" rows indented."""
    for node in nodes(tree["blocks"]):
        if node["t"] != "Table":
            continue
        for row in _body_rows(node):
            cells = row[1]
            if not cells:
                continue
            label = stringify(cells[0][4])
            if _is_total(label):
                for cell in cells:
                    _strong(cell)
            elif label.lstrip("–- ").startswith("varav"):
                blocks = cells[0][4]
                if blocks and blocks[0]["t"] in ("Plain", "Para"):
                    inlines = blocks[0]["c"]
                    if inlines and inlines[0] == {"t": "Str", "c": "–"}:
                        del inlines[:2 if len(inlines) > 1 and inlines[1]["t"] == "Space" else 1]
                    inlines.insert(0, {"t": "Str", "c": EM_SPACE})
    return tree
