"""Reading a REFI-QDA project (.qdpx): a zip with ``project.qde`` (urn:QDA-XML:project:1.0) and the sources' texts.

The archive is checked before anything is parsed (size limit as for package uploads, no absolute or
".." paths) and the XML is parsed with defusedxml with DTDs forbidden, so entity bombs and external
entities are refused rather than expanded. Nothing is extracted to disk. Users, memos, notes and
dates in the project are never read.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeET

from .. import sources
from .messages import ImportFailed, Issue, issue
from .model import Document, Project, Segment, Speaker

NS = "urn:QDA-XML:project:1.0"
MAX_UNCOMPRESSED_BYTES = sources.MAX_UNCOMPRESSED_BYTES
_VALUE_TAGS = ("TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue")


def _t(name: str) -> str:
    return f"{{{NS}}}{name}"


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def _unsafe(name: str) -> bool:
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return True
    return ".." in PurePosixPath(name.replace("\\", "/")).parts


def read_refi(path: Path, speaker_code: str = "Sprecher") -> Project:
    """A project from a .qdpx file; every problem found is raised together as ImportFailed."""
    label = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailed([issue("zip_invalid", file=label, detail=str(exc))]) from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = zf.infolist()
            unsafe = [m.filename for m in members if _unsafe(m.filename)]
            if unsafe:
                raise ImportFailed([issue("zip_unsafe_path", file=label, member=u) for u in unsafe[:10]])
            total = sum(m.file_size for m in members)
            if total > MAX_UNCOMPRESSED_BYTES:
                raise ImportFailed(
                    [issue("zip_too_large", file=label, size=_size(total), limit=_size(MAX_UNCOMPRESSED_BYTES))]
                )
            by_name = {m.filename.replace("\\", "/"): m for m in members if not m.is_dir()}
            qde = next((n for n in by_name if n.lower() == "project.qde"), None)
            qde = qde or next((n for n in by_name if "/" not in n and n.lower().endswith(".qde")), None)
            if qde is None:
                raise ImportFailed([issue("zip_no_project", file=label)])
            root = _parse(zf.read(by_name[qde]), f"{label}/{qde}")
            project = Project(kind="refi", files=(label,), digests=(hashlib.sha256(data).hexdigest(),))
            _Reader(root, zf, by_name, label, speaker_code, project).read()
            return project
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, NotImplementedError, OSError) as exc:
        raise ImportFailed([issue("zip_invalid", file=label, detail=str(exc)[:200] or type(exc).__name__)]) from None


def _parse(xml: bytes, label: str) -> Element:
    try:
        root = SafeET.fromstring(xml, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException as exc:
        raise ImportFailed([issue("xml_forbidden", file=label, detail=type(exc).__name__)]) from None
    except ParseError as exc:
        raise ImportFailed([issue("xml_invalid", file=label, detail=str(exc)[:200])]) from None
    if root.tag != _t("Project"):
        raise ImportFailed([issue("xml_namespace", file=label, tag=root.tag)])
    return root


_NAMED = ("Code", "TextSource", "Case", "Variable", "Set", "Project")


def _describe(el: Element) -> str:
    """An element as the team can find it in their QDA program: by name where it has one, else by GUID."""
    tag = el.tag.split("}", 1)[-1]
    if tag in _NAMED and el.get("name"):
        return f"{tag} „{el.get('name')}“"
    if el.get("guid"):
        return f"{tag} (GUID {el.get('guid')})"
    return tag


class _Reader:
    def __init__(self, root, zf, by_name, label, speaker_code, project):
        self.root = root
        self.zf = zf
        self.by_name = by_name
        self.label = label
        self.qde = f"{label}/project.qde"
        self.speaker_code = speaker_code
        self.project = project
        self.problems: list[Issue] = []
        self.codes: dict[str, tuple[str, ...]] = {}
        self.variables: dict[str, str] = {}
        self.sources: dict[str, str] = {}  # guid → document key
        self.selections: dict[str, str] = {}  # selection guid → document key

    def attr(self, el: Element, name: str) -> str | None:
        value = el.get(name)
        if value is None or not value.strip():
            self.problems.append(issue("xml_attribute", file=self.qde, element=_describe(el), attribute=name))
            return None
        return value.strip()

    def unknown(self, el: Element, guid: str, kind: str) -> None:
        self.problems.append(issue("unknown_guid", file=self.qde, element=_describe(el), guid=guid, kind=kind))

    def read(self) -> None:
        self.project.origin = self.root.get("origin", "") or ""
        for codes in self.root.iter(_t("Codes")):
            for code in codes.findall(_t("Code")):
                self.code(code, ())
            break
        for var in self.root.iter(_t("Variable")):
            guid, name = self.attr(var, "guid"), self.attr(var, "name")
            if guid and name:
                self.variables[guid] = name
        sources_el = self.root.find(_t("Sources"))
        for src in sources_el.findall(_t("TextSource")) if sources_el is not None else ():
            self.source(src)
        for case in self.root.iter(_t("Case")):
            self.case(case)
        for set_el in self.root.iter(_t("Set")):
            self.set(set_el)
        if self.problems:
            raise ImportFailed(self.problems)

    def code(self, el: Element, parent: tuple[str, ...]) -> None:
        # A stack, not recursion: a hostile codebook may nest thousands of levels deep.
        stack = [(el, parent)]
        while stack:
            node, prefix = stack.pop()
            guid, name = self.attr(node, "guid"), self.attr(node, "name")
            if not (guid and name):
                continue
            path = (*prefix, name)
            self.codes[guid] = path
            desc = node.find(_t("Description"))
            if desc is not None and (desc.text or "").strip():
                self.project.code_descriptions[path] = desc.text.strip()
            stack.extend((child, path) for child in reversed(node.findall(_t("Code"))))

    def target(self, el: Element, ref_tag: str, described: Element) -> str | None:
        """The targetGUID of ``el``'s ``ref_tag`` child; a missing one is reported against ``described``."""
        ref = el.find(_t(ref_tag))
        target = ref.get("targetGUID") if ref is not None else None
        if not target:
            self.problems.append(issue("xml_attribute", file=self.qde, element=_describe(described), attribute=ref_tag))
        return target or None

    def values(self, el: Element) -> dict[str, str]:
        out = {}
        for vv in el.findall(_t("VariableValue")):
            guid = self.target(vv, "VariableRef", el)
            if not guid:
                continue
            if guid not in self.variables:
                self.unknown(vv, guid, "Variable")
                continue
            value = next((v.text for v in vv if v.tag in {_t(t) for t in _VALUE_TAGS}), None)
            if value is not None and value.strip():
                out[self.variables[guid]] = value.strip()
        return out

    def text_of(self, el: Element) -> str | None:
        content = el.find(_t("PlainTextContent"))
        if content is not None:
            return content.text or ""
        ref = el.get("plainTextPath") or ""
        if ref.startswith("internal://"):
            member = "sources/" + ref.removeprefix("internal://")
            info = self.by_name.get(member)
            if info is not None:
                raw = self.zf.read(info)
                for enc in ("utf-8-sig", "utf-16"):
                    try:
                        return raw.decode(enc)
                    except UnicodeDecodeError:
                        continue
        return None

    def source(self, el: Element) -> None:
        guid, name = self.attr(el, "guid"), self.attr(el, "name")
        if not (guid and name):
            return
        doc_key = name if name not in self.project.documents else f"{name} ({guid[:8]})"
        self.sources[guid] = doc_key
        self.project.documents[doc_key] = Document(doc_key, (), self.values(el), f"{self.qde}, {_describe(el)}")
        selections = el.findall(_t("PlainTextSelection"))
        if not selections:
            return
        text = self.text_of(el)
        if text is None:
            ref = el.get("plainTextPath") or ""
            self.problems.append(issue("text_missing", file=self.qde, element=_describe(el), path=ref or "–"))
            return
        for sel in selections:
            self.selection(sel, doc_key, text)

    def selection(self, el: Element, doc_key: str, text: str) -> None:
        guid = el.get("guid")
        if guid:
            self.selections[guid] = doc_key
        raw_start, raw_end = self.attr(el, "startPosition"), self.attr(el, "endPosition")
        if raw_start is None or raw_end is None:
            return
        try:
            start, end = int(raw_start), int(raw_end)
        except ValueError:
            bad = raw_start if not raw_start.lstrip("-").isdigit() else raw_end
            self.problems.append(issue("position_invalid", file=self.qde, element=_describe(el), value=bad))
            return
        if start < 0 or end < start or end > len(text):
            self.problems.append(
                issue(
                    "selection_beyond_text",
                    file=self.qde,
                    element=_describe(el),
                    start=start,
                    end=end,
                    length=len(text),
                )
            )
            return
        for coding in el.findall(_t("Coding")):
            target = self.target(coding, "CodeRef", coding)
            if not target:
                continue
            path = self.codes.get(target)
            if path is None:
                self.unknown(coding, target, "Code")
                continue
            self.project.segments.append(Segment(doc_key, path, start, end, None, text[start:end].strip()))

    def case(self, el: Element) -> None:
        name = self.attr(el, "name")
        if name is None:
            return
        values = self.values(el)
        docs = []
        for ref in el.findall(_t("SourceRef")):
            target = ref.get("targetGUID")
            doc = self.sources.get(target) or self.selections.get(target)
            if doc is None:
                self.unknown(ref, target or "", "Quelle")
                continue
            if doc not in docs:
                docs.append(doc)
        speaker_path = (self.speaker_code, name)
        if speaker_path in self.codes.values():
            if not docs:  # a speaker case without references describes the speaker wherever the code is used
                docs = sorted({s.document for s in self.project.segments if s.path == speaker_path})
            for doc in docs:
                self.project.speakers[(doc, name)] = Speaker(doc, name, values)
            return
        for doc in docs:
            document = self.project.documents[doc]
            # The source's own values win; the case fills in what the source does not say.
            document.variables = {**values, **document.variables}

    def set(self, el: Element) -> None:
        name = self.attr(el, "name")
        if name is None:
            return
        for member in el.findall(_t("MemberSource")):
            target = member.get("targetGUID") or ""
            doc = self.sources.get(target)
            if doc is None:
                self.unknown(member, target, "Quelle")
                continue
            document = self.project.documents[doc]
            document.groups = (*document.groups, name)
