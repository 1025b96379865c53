"""`planexec draft`: non-interactive run, interactive review on stdin, clear errors (no tracebacks)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from planexec.app.cli import main
from tests.support.paths import REPO_ROOT

SAMPLES = REPO_ROOT / "samples" / "drafting"
FACTS = str(SAMPLES / "chat_facts.md")
PARIS = str(REPO_ROOT / "data" / "policy" / "paris_agreement_2015_en.txt")


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PLANEXEC_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PLANEXEC_LLM", "off")
    monkeypatch.setenv("PLANEXEC_DRAFT_DB_URL", f"sqlite:///{tmp_path / 'd.sqlite'}")
    monkeypatch.setenv("PLANEXEC_CHECKPOINT_URL", "memory://")
    return tmp_path


def draft(
    *extra: str,
    profile: str = str(SAMPLES / "project_profile.yaml"),
    inputs: tuple[str, ...] = (PARIS, FACTS),
) -> int:
    return main(["draft", "--input", *inputs, "--profile", profile, *extra])


def test_non_interactive_writes_markdown_and_trace(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert draft("--approve", "--out", str(home / "brief.md")) == 0
    out = capsys.readouterr().out
    assert out.count("section done: ") == 6 and '"sections_written": 6' in out
    document = (home / "brief.md").read_text()
    assert document.startswith("# Solar build-out") and "## Sources" in document and "788" in document
    assert "kind: planner_task_trace" in (home / "planner_task_trace.yaml").read_text()


def test_local_files_are_copied_into_the_uploads_folder(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI's user names their own files: they reach the graph as uploads, never by path."""
    assert draft("--approve", "--thread", "cli-1", "--out", str(home / "b.md")) == 0
    uploads = home / "home" / "uploads" / "cli-1"
    assert sorted(p.name for p in uploads.iterdir()) == sorted([Path(PARIS).name, Path(FACTS).name])
    assert (uploads / Path(FACTS).name).read_bytes() == Path(FACTS).read_bytes()
    capsys.readouterr()


def test_interactive_review_revises_then_approves(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("\nevidence: name the top three states\napprove\n"))
    assert draft("--out", str(home / "b.md")) == 0
    out = capsys.readouterr().out
    assert "Plan (policy_brief)" in out and out.count("section done: evidence") == 2
    assert "chosen: revise_sections" in (home / "planner_task_trace.yaml").read_text()


@pytest.mark.parametrize(
    ("profile_text", "message"),
    [
        ("artifact_type: tweet\ntitle: X\n", "invalid project profile: artifact_type"),
        ("- just\n- a list\n", "must be a YAML mapping"),
        ("title: [unclosed\n", "is not valid YAML"),
    ],
)
def test_bad_profile_is_a_clear_error(
    home: Path, profile_text: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (home / "p.yaml").write_text(profile_text)
    assert draft("--approve", profile=str(home / "p.yaml")) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_bad_inputs_are_clear_errors(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (home / "junk.txt").write_bytes(b"\x00\x01" * 100)
    assert draft("--approve", inputs=(str(home / "junk.txt"), str(home / "nope.md"))) == 2
    err = capsys.readouterr().err
    assert "skipped junk.txt: " in err and "no usable input" in err and "Traceback" not in err
    assert draft("--approve", profile=str(home / "missing.yaml")) == 2
    assert "profile" in capsys.readouterr().err
    assert draft("--approve", "--checkpoint-url", "ftp://x") == 1
    assert "unknown checkpoint URL" in capsys.readouterr().err


def test_an_invalid_draft_is_not_committed(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert draft("--approve", "--out", str(home / "x.md"), inputs=(FACTS,)) == 1  # too little material
    err = capsys.readouterr().err
    assert "the draft was not committed" in err and "words, outside" in err
    assert not (home / "x.md").exists()


def test_no_answer_on_stdin(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert draft() == 3
    assert "use --approve" in capsys.readouterr().err
