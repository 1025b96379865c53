"""describe_inputs: good files are described, bad uploads get clear errors, the rest goes on."""

from __future__ import annotations

from pathlib import Path

import pytest
from langgraph.runtime import Runtime

from planexec.nodes.drafting.context import DraftingContext
from planexec.nodes.drafting.describe_inputs import describe_inputs


def test_bad_uploads_are_refused_and_good_ones_described(
    tmp_path: Path, sample_inputs: list[dict[str, str]]
) -> None:
    tmp_path = tmp_path / "uploads"  # where sample_inputs copied the samples
    (tmp_path / "big.md").write_text("x " * 60_000)
    (tmp_path / "bin.txt").write_bytes(b"\x00\xff" * 50)
    (tmp_path / "empty.txt").write_bytes(b"")
    bad = [
        {"name": "big.md", "path": str(tmp_path / "big.md")},
        {"name": "bin.txt", "path": str(tmp_path / "bin.txt")},
        {"name": "empty.txt", "path": str(tmp_path / "empty.txt")},
        {"name": "../../etc/passwd", "path": "/etc/passwd"},
        {"name": "gone.txt", "path": str(tmp_path / "gone.txt")},
        {"path": "no-name"},
    ]
    state = {"inputs": [*sample_inputs, *bad]}
    update = describe_inputs(
        state,
        runtime=Runtime(
            context=DraftingContext(
                store_url="memory://", memory_dir=tmp_path, max_input_bytes=100_000, upload_root=tmp_path
            )
        ),
    )  # type: ignore[arg-type]
    codes = {e["name"]: e["code"] for e in update["input_errors"]}
    assert codes == {
        "big.md": "oversize",
        "bin.txt": "binary",
        "empty.txt": "empty",
        "../../etc/passwd": "unsafe_name",
        "gone.txt": "missing",
        "?": "missing",
    }
    assert all(e["message"] for e in update["input_errors"])
    assert update["fatal"] is None
    paris, facts = update["input_descriptions"]
    assert paris["kind"] == "text" and paris["language"] == "en" and paris["sections"] >= 29
    assert "Article 2" in paris["headings"] and paris["estimated_tokens"] > paris["words"]
    assert facts["kind"] == "markdown" and "Capacity by state" in facts["headings"]


def test_oversize_and_nothing_usable_is_fatal(tmp_path: Path) -> None:
    (tmp_path / "big.md").write_text("word " * 400)
    state = {"inputs": [{"name": "big.md", "path": str(tmp_path / "big.md")}]}
    update = describe_inputs(
        state,
        runtime=Runtime(
            context=DraftingContext(
                store_url="memory://", memory_dir=tmp_path, max_input_bytes=1000, upload_root=tmp_path
            )
        ),
    )  # type: ignore[arg-type]
    assert update["input_errors"][0]["code"] == "oversize"
    assert update["fatal"].startswith("no usable input: big.md: 2000 bytes is over the 1000-byte limit")


def test_files_outside_the_uploads_folder_are_refused_as_langgraph_dev_would_send_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A LangGraph server builds DraftingContext() itself: the uploads folder comes from Settings."""
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    (tmp_path / "secret.txt").write_text("the secret text of another file " * 5)
    (uploads / "link.txt").symlink_to(tmp_path / "secret.txt")
    (uploads / "notes.txt").write_text("notes inside the uploads folder " * 5)
    monkeypatch.setenv("PLANEXEC_UPLOADS_DIR", str(uploads))
    inputs = [
        {"name": "notes.txt", "path": "/etc/passwd"},
        {"name": "x.txt", "path": "../x"},
        {"name": "link.txt", "path": "link.txt"},
        {"name": "secret.txt", "path": str(tmp_path / "secret.txt")},
        {"name": "notes.txt", "path": "notes.txt"},
    ]
    update = describe_inputs({"inputs": inputs}, runtime=Runtime(context=DraftingContext()))  # type: ignore[arg-type]
    errors = update["input_errors"]
    assert [e["code"] for e in errors] == ["unsafe_name"] * 4
    assert all("uploads folder" in e["message"] or "'..'" in e["message"] for e in errors)
    assert "root:" not in repr(update) and "secret text" not in repr(update)
    (described,) = update["input_descriptions"]
    assert described["path"] == str((uploads / "notes.txt").resolve())
