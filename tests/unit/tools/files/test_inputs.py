"""tools/files/inputs.py: safe reading and description of uploads."""

from __future__ import annotations

from pathlib import Path

import pytest

from planexec.tools.files.inputs import (
    InputRejected,
    check_name,
    estimate_tokens,
    guess_language,
    read_input,
    split_sections,
)


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF with `text` in Helvetica (xref offsets computed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "/etc/passwd", "a/b.txt", "..\\x.txt", "C:evil.txt", ".env", ""]
)
def test_unsafe_names_are_refused(name: str) -> None:
    with pytest.raises(InputRejected) as err:
        check_name(name)
    assert err.value.code == "unsafe_name"


def test_path_outside_upload_root_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "uploads"
    root.mkdir()
    outside = write(tmp_path, "x.txt", b"hello world")
    with pytest.raises(InputRejected, match=r"'\.\.' is not allowed"):
        read_input("x.txt", root / ".." / "x.txt", root=root)
    with pytest.raises(InputRejected, match="only files in the uploads folder"):
        read_input("x.txt", outside, root=root)
    (root / "link.txt").symlink_to(outside)
    with pytest.raises(InputRejected, match="only files in the uploads folder"):
        read_input("link.txt", "link.txt", root=root)
    inside = write(root, "in.txt", b"inside text")
    assert read_input("in.txt", "in.txt", root=root).text == "inside text"
    assert read_input("in.txt", inside, root=root).text == "inside text"
    assert read_input("x.txt", outside).text == "hello world"


def test_oversize_binary_empty_and_undecodable(tmp_path: Path) -> None:
    cases = {
        "big.txt": (b"word " * 300, "oversize"),
        "junk.txt": (b"\x00\x01\x02binary\x00" * 10, "binary"),
        "empty.md": (b"", "empty"),
        "blank.md": (b"   \n\n ", "empty"),
        "bad.txt": (b"caf\x81\x8d\x90 text", "encoding"),
        "ctrl.txt": (bytes(range(1, 31)) * 20, "binary"),
        "fake.pdf": (b"not a pdf at all", "binary"),
        "data.xlsx": (b"PK\x03\x04", "unsupported"),
    }
    for name, (data, code) in cases.items():
        with pytest.raises(InputRejected) as err:
            read_input(name, write(tmp_path, name, data), max_bytes=1000)
        assert err.value.code == code, name
        assert name in str(err.value) or code in {"binary", "encoding"}


def test_text_encodings_are_decoded(tmp_path: Path) -> None:
    assert read_input("a.txt", write(tmp_path, "a.txt", "Ação já".encode("utf-16"))).encoding == "utf-16"
    assert read_input("b.txt", write(tmp_path, "b.txt", "café à la".encode("cp1252"))).encoding == "cp1252"
    assert read_input("c.md", write(tmp_path, "c.md", "\ufeff# Título".encode())).text == "# Título"


def test_pdf_pages_and_text(tmp_path: Path) -> None:
    read = read_input("doc.pdf", write(tmp_path, "doc.pdf", minimal_pdf("Solar capacity grew in Brazil")))
    assert read.kind == "pdf" and read.pages == 1
    assert "Solar capacity" in read.text


def test_sections_language_tokens() -> None:
    text = "PARIS AGREEMENT\n\nThe Parties.\n\nArticle 1\n\nThe definitions of the Convention shall apply.\n"
    assert [h for h, _ in split_sections(text, "text")] == ["PARIS AGREEMENT", "Article 1"]
    assert [h for h, _ in split_sections("# A\nx\n## B\ny", "markdown")] == ["A", "B"]
    assert (
        guess_language("The Parties shall take action and the funds of the Convention are for this.") == "en"
    )
    assert guess_language("Os estados que não são para os municípios com uma das usinas de energia.") == "pt"
    assert guess_language("El gobierno y los estados de la región por una política con las usinas.") == "es"
    assert estimate_tokens("a" * 400) == 100
