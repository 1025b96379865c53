"""Read and describe uploaded files safely: type, size, sections, language, token estimate.

Refusals (oversize, binary, undecodable, unsafe names, empty, unsupported) raise InputRejected
with a machine-readable code; callers record them and go on with the other files.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

DEFAULT_MAX_BYTES = 5_000_000
TEXT_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".pdf": "pdf"}
_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "for", "with", "this", "are", "by", "shall"},
    "pt": {"de", "que", "não", "uma", "os", "das", "dos", "em", "para", "com", "são", "pela", "ao"},
    "es": {"el", "los", "las", "del", "que", "y", "en", "una", "por", "con", "para", "es", "al"},
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


class InputRejected(ValueError):
    """A file planexec will not read; `code` says why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class ReadText:
    """Decoded text of one file plus what was needed to decode it."""

    kind: str
    text: str
    encoding: str
    size_bytes: int
    sha256: str
    pages: int | None = None


def check_name(name: str) -> str:
    """A plain file name: no folders, no '..', no control characters, not hidden."""
    bad = not name or name in {".", ".."} or "\x00" in name or any(ord(c) < 32 for c in name)
    parts = PurePosixPath(name).parts + PureWindowsPath(name).parts
    if bad or len(set(parts)) != 1 or name.startswith(".") or ".." in parts or "/" in name or "\\" in name:
        raise InputRejected("unsafe_name", f"unsafe file name {name!r}: give a plain file name, no folders")
    return name


def resolve_upload(name: str, path: str | Path, root: Path) -> Path:
    """Where an upload's bytes are, inside `root` (the uploads folder), or InputRejected.

    A relative path is taken inside `root`; an absolute one must already lie inside it. `..` parts
    are refused outright, and the resolved file (symlinks followed) must still be inside `root`.
    """
    given = Path(path)
    if not str(path) or ".." in given.parts:
        raise InputRejected("unsafe_name", f"{name}: '..' is not allowed in an upload path")
    base = root.resolve()
    target = (given if given.is_absolute() else base / given).resolve()
    if not target.is_relative_to(base):
        raise InputRejected(
            "unsafe_name",
            f"{name}: only files in the uploads folder can be read; upload the file's content instead",
        )
    return target


def save_upload(root: Path, folder: str, name: str, content: bytes) -> Path:
    """Write uploaded bytes as <root>/<folder>/<name> (a plain name, checked) and return the path."""
    check_name(name)
    check_name(folder)
    target = root / folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return target


def _decode(raw: bytes) -> tuple[str, str]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    if b"\x00" in raw[:8192]:
        raise InputRejected("binary", "file contains NUL bytes: it looks binary, not text")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding), encoding.removesuffix("-sig")
        except UnicodeDecodeError:
            continue
    raise InputRejected("encoding", "cannot decode the file as UTF-8, UTF-16 or Windows-1252")


def _check_printable(text: str) -> None:
    sample = text[:20000]
    control = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    if sample and control / len(sample) > 0.01:
        raise InputRejected("binary", f"{control} control characters in the first {len(sample)}: not text")


def _pdf_text(path: Path) -> tuple[str, int]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise InputRejected("binary", f"unreadable PDF: {exc}") from exc
    return "\n\n".join(pages), len(pages)


def read_input(
    name: str, path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, root: Path | None = None
) -> ReadText:
    """Check and decode one upload; raise InputRejected with a clear message when it cannot be used."""
    check_name(name)
    file = resolve_upload(name, path, root) if root is not None else Path(path)
    if not file.is_file():
        raise InputRejected("missing", f"{name}: no such file {str(file)!r}")
    kind = TEXT_SUFFIXES.get(file.suffix.lower()) or TEXT_SUFFIXES.get(Path(name).suffix.lower())
    if kind is None:
        raise InputRejected("unsupported", f"{name}: unsupported type (use .txt, .md or .pdf)")
    size = file.stat().st_size
    if size == 0:
        raise InputRejected("empty", f"{name}: the file is empty")
    if size > max_bytes:
        raise InputRejected("oversize", f"{name}: {size} bytes is over the {max_bytes}-byte limit")
    raw = file.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if kind == "pdf":
        if not raw.startswith(b"%PDF-"):
            raise InputRejected("binary", f"{name}: not a PDF (no %PDF- header)")
        text, pages = _pdf_text(file)
        encoding = "pdf"
    else:
        text, encoding = _decode(raw)
        _check_printable(text)
        pages = None
    if not text.strip():
        raise InputRejected("empty", f"{name}: no text could be extracted")
    return ReadText(kind, text.replace("\r\n", "\n"), encoding, size, digest, pages)


def split_sections(text: str, kind: str) -> list[tuple[str, str]]:
    """(heading, body) pairs; text before the first heading gets the heading ''."""
    sections: list[tuple[str, list[str]]] = [("", [])]
    for line in text.split("\n"):
        heading = _heading(line, kind)
        if heading is not None:
            sections.append((heading, []))
        else:
            sections[-1][1].append(line)
    out = [(h, "\n".join(body).strip()) for h, body in sections]
    return [(h, b) for h, b in out if h or b]


def _heading(line: str, kind: str) -> str | None:
    stripped = line.strip()
    if kind == "markdown":
        match = re.match(r"^#{1,6}\s+(.+?)\s*#*$", stripped)
        return match.group(1) if match else None
    if not stripped or len(stripped) > 80 or stripped[-1] in ".,;:)":
        return None
    if re.match(
        r"^(article|section|chapter|part|annex|artigo|seção|capítulo|artículo)\s+\w+$", stripped, re.I
    ):
        return stripped
    letters = [c for c in stripped if c.isalpha()]
    return stripped if len(letters) >= 4 and all(c.isupper() for c in letters) else None


def guess_language(text: str) -> str:
    """en / pt / es by counting common stopwords in the first 5,000 words; 'unknown' if none."""
    words = [w.lower() for w in _WORD.findall(text[:40000])][:5000]
    scores = {lang: sum(1 for w in words if w in stop) for lang, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] >= 3 else "unknown"


def estimate_tokens(text: str) -> int:
    """Offline estimate: the larger of chars/4 and words×1.3 (no tokenizer download)."""
    return max(round(len(text) / 4), round(len(text.split()) * 1.3))


def count_words(text: str) -> int:
    return len(text.split())
