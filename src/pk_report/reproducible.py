"""The same content, the same bytes: Office files (zip packages) without dates of their making.

openpyxl and pandoc stamp the time of writing into a package (zip entries' dates and
``docProps/core.xml``). A register, a report or a template written twice from the same data
should not differ, so the package is rewritten with its entries in a fixed order, each with
one fixed date, and the document's created/modified dates set to that date.
"""

from __future__ import annotations

import io
import re
import zipfile

FIXED_DATE_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can hold
FIXED_W3CDTF = "1980-01-01T00:00:00Z"
_CORE_DATE = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:)")
# [Content_Types].xml first, as Office writes it; the rest in name order.
_FIRST = "[Content_Types].xml"


def fixed_zip(data: bytes) -> bytes:
    """``data`` (a zip package) with fixed entry order, dates and document dates."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = sorted(source.namelist(), key=lambda n: (n != _FIRST, n))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name in names:
                body = source.read(name)
                if name == "docProps/core.xml":
                    body = _CORE_DATE.sub(rb"\g<1>" + FIXED_W3CDTF.encode() + rb"\g<2>", body)
                info = zipfile.ZipInfo(name, date_time=FIXED_DATE_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o600 << 16
                target.writestr(info, body)
    return out.getvalue()
