"""Nothing in the Word report reaches outside it when a reader opens it.

pandoc copies parts of ``reference.docx`` (settings and their relationships, headers, footers)
into every report, and a template shared between municipalities may carry a remote template
(``w:attachedTemplate``: a macro-enabled .dotm fetched over file:// or SMB, leaking the
reader's NTLM hash), an external image (a tracking pixel), or a field that fetches
(``INCLUDEPICTURE "http://..."``, ``INCLUDETEXT``, ``DDEAUTO``). Whatever part they come from,
the finished package keeps:

- of the relationships with ``TargetMode="External"``, only hyperlinks to http, https and
  mailto addresses (a reference to a dropped one is removed from its part too);
- no ``w:attachedTemplate``;
- of the fields, only PAGE, NUMPAGES, SEQ and TITLE (page numbers, caption numbers, and the
  running header's title from the document's own properties); any other field keeps its last
  shown text, as plain text.
"""

from __future__ import annotations

import io
import re
from xml.etree import ElementTree as ET

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W, _R = f"{{{W}}}", f"{{{R}}}"
HYPERLINK_SCHEMES = ("http:", "https:", "mailto:")
ALLOWED_FIELDS = {"PAGE", "NUMPAGES", "SEQ", "TITLE"}  # TITLE reads docProps, nothing outside
_HYPERLINK_TYPE = "/relationships/hyperlink"
_IGNORABLE = re.compile(rb' mc:Ignorable="([^"]*)"')


def _rels_part(name: str) -> str | None:
    """'word/_rels/footer1.xml.rels' -> 'word/footer1.xml' (the part the relationships are
    of); None for a name that is not a relationships part."""
    folder, _, file = name.rpartition("/")
    if not file.endswith(".rels") or not folder.endswith("_rels"):
        return None
    base = folder[: -len("_rels")]
    return base + file[: -len(".rels")]


def _allowed_external(rel: ET.Element) -> bool:
    target = "".join((rel.get("Target") or "").split()).lower()
    return (rel.get("Type") or "").endswith(_HYPERLINK_TYPE) and target.startswith(
        HYPERLINK_SCHEMES)


def drop_external_relationships(xml: bytes) -> tuple[bytes, set[str]]:
    """The relationships part without the external targets not allowed, and their ids."""
    root = ET.fromstring(xml)
    dropped = set()
    for rel in list(root):
        if rel.get("TargetMode", "").lower() == "external" and not _allowed_external(rel):
            dropped.add(rel.get("Id", ""))
            root.remove(rel)
    if not dropped:
        return xml, dropped
    ET.register_namespace("", root.tag[1:].split("}")[0])
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True), dropped


def _field_name(instr: str) -> str:
    words = instr.split()
    return words[0].upper() if words else ""


def _drop_fields(root: ET.Element, parents: dict) -> bool:
    """Remove fields other than ALLOWED_FIELDS, keeping their shown text. True if any went."""
    changed = False
    for simple in list(root.iter(_W + "fldSimple")):
        if _field_name(simple.get(_W + "instr", "")) not in ALLOWED_FIELDS:
            parent = parents[simple]
            at = list(parent).index(simple)
            parent.remove(simple)
            for offset, child in enumerate(list(simple)):
                parent.insert(at + offset, child)
                parents[child] = parent
            changed = True
    stack: list[dict] = []
    doomed: list[ET.Element] = []
    for el in list(root.iter()):
        if el.tag == _W + "fldChar":
            kind = el.get(_W + "fldCharType")
            if kind == "begin":
                stack.append({"marks": [el], "instr": ""})
            elif stack:
                stack[-1]["marks"].append(el)
                if kind == "end":
                    field = stack.pop()
                    if _field_name(field["instr"]) not in ALLOWED_FIELDS:
                        doomed.extend(field["marks"])
        elif el.tag == _W + "instrText" and stack:
            stack[-1]["instr"] += el.text or ""
            stack[-1]["marks"].append(el)
    for field in stack:  # a field never ended: its code is dropped all the same
        if _field_name(field["instr"]) not in ALLOWED_FIELDS:
            doomed.extend(field["marks"])
    for el in doomed:
        parents[el].remove(el)
    return changed or bool(doomed)


def _keep_prefixes(xml: bytes) -> None:
    """Keep the part's own prefixes (w:, r:, mc: ...) when ElementTree writes it back."""
    for _event, (prefix, uri) in ET.iterparse(io.BytesIO(xml), events=("start-ns",)):
        if prefix and not prefix.startswith("ns"):
            ET.register_namespace(prefix, uri)


def clean_part(xml: bytes, dropped_ids: set[str]) -> bytes:
    """A WordprocessingML part without ``w:attachedTemplate``, references to the dropped
    relationships, and fields other than ALLOWED_FIELDS; unchanged bytes when none is there."""
    if not (b"attachedTemplate" in xml or b"fldSimple" in xml or b"instrText" in xml
            or dropped_ids):
        return xml
    _keep_prefixes(xml)
    root = ET.fromstring(xml)
    parents = {child: parent for parent in root.iter() for child in parent}
    changed = _drop_fields(root, parents)
    for template in list(root.iter(_W + "attachedTemplate")):
        parents[template].remove(template)
        changed = True
    for el in root.iter():
        for attr in [a for a, v in el.attrib.items() if a.startswith(_R) and v in dropped_ids]:
            del el.attrib[attr]
            changed = True
    if not changed:
        return xml
    return _declared_ignorable(ET.tostring(root, encoding="UTF-8", xml_declaration=True))


def _declared_ignorable(xml: bytes) -> bytes:
    """``mc:Ignorable`` naming only prefixes still declared (ElementTree leaves out the
    declarations no element uses, and Word refuses an Ignorable prefix it cannot resolve)."""
    def keep(m: re.Match) -> bytes:
        kept = [p for p in m[1].split() if b"xmlns:" + p + b"=" in xml]
        return b' mc:Ignorable="' + b" ".join(kept) + b'"' if kept else b""

    return _IGNORABLE.sub(keep, xml, count=1)


def clean_package(parts: dict[str, bytes]) -> dict[str, bytes]:
    """Every part of a DOCX (name -> bytes), with the external content above removed."""
    out = dict(parts)
    dropped_by_part: dict[str, set[str]] = {}
    for name, body in parts.items():
        source = _rels_part(name)
        if source is not None:
            out[name], dropped = drop_external_relationships(body)
            dropped_by_part[source] = dropped
    for name, body in parts.items():
        if name.endswith(".xml") and name.startswith("word/"):
            out[name] = clean_part(body, dropped_by_part.get(name, set()))
    return out

