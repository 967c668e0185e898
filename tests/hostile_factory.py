"""Hostile and large workbooks and zips built byte by byte, so tests control every XML detail.

``xlsx_bytes`` writes a minimal but valid .xlsx (what Excel and LibreOffice open) from rows of text;
its keyword arguments break it in the ways real files are broken.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable
from xml.sax.saxutils import escape

from factory import make_tables

_CT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "{sheets}"
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_SHEET_CT = (
    '<Override PartName="/xl/worksheets/sheet{i}.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def col_letters(n: int) -> str:
    """1 → A, 27 → AA, 16384 → XFD."""
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def sheet_xml(
    rows: Iterable[Iterable[str]],
    dimension: str | None = "auto",
    shared: list[str] | None = None,
    extra_rows: str = "",
    start_row: int = 1,
    numeric: Iterable[int] = (),
) -> Iterable[bytes]:
    """Worksheet XML in chunks; strings inline, or as shared-string indices if ``shared`` is a list."""
    rows = list(rows)
    width = max((len(r) for r in rows), default=1)
    yield f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {_NS}>'.encode()
    if dimension == "auto":
        dimension = f"A1:{col_letters(width)}{start_row + len(rows) - 1}"
    if dimension:
        yield f'<dimension ref="{dimension}"/>'.encode()
    yield b"<sheetData>"
    index = {s: i for i, s in enumerate(shared or [])}
    numeric = set(numeric)
    buf = []
    for i, row in enumerate(rows):
        r = start_row + i
        cells = []
        for j, value in enumerate(row):
            if value == "":
                continue
            ref = f"{col_letters(j + 1)}{r}"
            if j in numeric and i > 0 and _is_number(value):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            elif value.startswith("#") and value.endswith(("!", "?", "A")) and value.isupper():
                cells.append(f'<c r="{ref}" t="e"><v>{value}</v></c>')
            elif shared is not None:
                k = index.setdefault(value, len(index))
                cells.append(f'<c r="{ref}" t="s"><v>{k}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>')
        buf.append(f'<row r="{r}">{"".join(cells)}</row>')
        if len(buf) >= 5000:
            yield "".join(buf).encode()
            buf = []
    if buf:
        yield "".join(buf).encode()
    yield extra_rows.encode()
    yield b"</sheetData></worksheet>"
    if shared is not None:
        shared[:] = list(index)


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def xlsx_bytes(
    sheets: dict[str, Iterable[Iterable[str]]] | None = None,
    hidden: Iterable[str] = (),
    raw_sheets: dict[str, bytes] | None = None,
    shared_strings: bool = False,
    shared_xml: bytes | None = None,
    dimension: str | None = "auto",
    numeric: dict[str, Iterable[int]] | None = None,
) -> bytes:
    """A workbook with one sheet per entry; ``raw_sheets`` gives a sheet's XML verbatim."""
    names = list(sheets or {}) + list(raw_sheets or {})
    hidden = set(hidden)
    shared: list[str] = []
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml", _CT.format(sheets="".join(_SHEET_CT.format(i=i + 1) for i in range(len(names))))
        )
        zf.writestr("_rels/.rels", _ROOT_RELS)
        sheet_entries = "".join(
            f'<sheet name="{escape(n, {chr(34): "&quot;"})}" sheetId="{i + 1}" r:id="rId{i + 1}"'
            + (' state="hidden"' if n in hidden else "")
            + "/>"
            for i, n in enumerate(names)
        )
        zf.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook {_NS} {_RNS}>'
            f"<sheets>{sheet_entries}</sheets></workbook>",
        )
        rels = "".join(
            f'<Relationship Id="rId{i + 1}" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            f'Target="worksheets/sheet{i + 1}.xml"/>'
            for i in range(len(names))
        )
        rels += (
            f'<Relationship Id="rId{len(names) + 1}" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
            'Target="sharedStrings.xml"/>'
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
        )
        for i, name in enumerate(names):
            with zf.open(f"xl/worksheets/sheet{i + 1}.xml", "w") as out:
                if raw_sheets and name in raw_sheets:
                    out.write(raw_sheets[name])
                else:
                    cols = (numeric or {}).get(name, ())
                    for chunk in sheet_xml(sheets[name], dimension, shared if shared_strings else None, numeric=cols):
                        out.write(chunk)
        if shared_xml is None:
            items = "".join(f"<si><t>{escape(s)}</t></si>" for s in shared)
            shared_xml = (
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst {_NS} count="{len(shared)}" '
                f'uniqueCount="{len(shared)}">{items}</sst>'
            ).encode()
        zf.writestr("xl/sharedStrings.xml", shared_xml)
    return buf.getvalue()


def table_rows(frame) -> list[list[str]]:
    return [list(frame.columns)] + frame.astype(str).values.tolist()


def tiny_sheets(seed: int = 1) -> dict[str, list[list[str]]]:
    return {name: table_rows(frame) for name, frame in make_tables(seed=seed).items()}


def zip_bytes(files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


def zip_with_duplicates(entries: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in entries:
            zf.writestr(zipfile.ZipInfo(name), data)
    return buf.getvalue()


def patch_zip_headers(data: bytes, flag_bits: int = 0, method: int | None = None) -> bytes:
    """Set general-purpose flag bits and/or the compression method in every local and central header."""
    out = bytearray(data)
    for sig, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        pos = out.find(sig)
        while pos >= 0:
            flags = struct.unpack_from("<H", out, pos + flag_at)[0] | flag_bits
            struct.pack_into("<H", out, pos + flag_at, flags)
            if method is not None:
                struct.pack_into("<H", out, pos + method_at, method)
            pos = out.find(sig, pos + 4)
    return bytes(out)


def bomb_zip(expanded: int, name: str = "statements.csv") -> bytes:
    """A zip whose one member expands to ``expanded`` bytes (at least) of CSV-looking text.

    Its deflate stream repeats one compressed piece: each piece ends byte-aligned and refers to nothing before
    it (a fresh compressor, Z_FULL_FLUSH), so a copy of it is a valid continuation. Building the bomb costs one
    piece's compression and a CRC pass instead of deflating 500 MB.
    """
    header = b"statement_id,actor_id,code,method,partner_type,status,rating,quote\n"
    piece = b"s1,a1,c1,interview,,,1,x\n" * 40000
    n = max(1, -(-(expanded - len(header)) // len(piece)))

    def deflated(data: bytes) -> bytes:
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        return c.compress(data) + c.flush(zlib.Z_FULL_FLUSH)

    stream = deflated(header) + deflated(piece) * n + zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    crc = zlib.crc32(header)
    for _ in range(n):
        crc = zlib.crc32(piece, crc)
    size = len(header) + n * len(piece)
    if size >= 0xFFFFFFFF:
        raise ValueError("bomb_zip writes no zip64 records: keep it under 4 GB")
    raw = name.encode()
    sizes = (crc, len(stream), size, len(raw))
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, *sizes, 0) + raw
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, *sizes, 0, 0, 0, 0, 0, 0) + raw
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local) + len(stream), 0)
    return local + stream + central + end


def deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()
