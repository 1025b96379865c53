"""planexec as a dependency: the wheel and a non-editable install of the checkout, used from elsewhere.

Each install goes into a brand-new venv whose third-party packages come from the test venv (a path
in a .pth file, so no download), while `planexec` itself is the installed copy. The user's project
has its own `schemas/` and `app/` packages that blow up when imported: planexec must never reach them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.offline_env import REPO_ROOT, offline_env

pytestmark = pytest.mark.integration

QUERY = "solar facilities within 1 km of extreme heat zones in Brazil"
ASK = f"""
import asyncio, json, planexec
from planexec import process_chat_query
r = asyncio.run(process_chat_query({QUERY!r}))
maps = [m for m in r["modules"] if m["type"] == "map"]
print(json.dumps({{"package": planexec.__file__, "counts": r["metadata"]["counts"],
                  "thread_id": r["metadata"]["thread_id"], "maps": maps,
                  "partial": r["metadata"]["flags"]["partial"]}}))
"""
_USER_PACKAGE = 'raise RuntimeError("the user\'s own {name} package was imported by planexec")\n'


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)


def _checkout_copy(dest: Path) -> Path:
    """The checkout's files (tracked and new, not ignored), copied so builds leave the clone clean."""
    listed = _run(["git", "ls-files", "-co", "--exclude-standard"], REPO_ROOT)
    assert listed.returncode == 0, listed.stderr
    for rel in listed.stdout.splitlines():
        src = REPO_ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return dest


def _new_venv(path: Path) -> Path:
    """A fresh venv that sees the test venv's third-party packages (not its planexec)."""
    venv.EnvBuilder(with_pip=True).create(path)
    python = path / "bin" / "python"
    site = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], path)
    Path(site.stdout.strip(), "_deps_from_test_venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _checkout_copy(tmp_path_factory.mktemp("checkout"))


@pytest.fixture(scope="module")
def wheel(source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            ".",
        ],
        source,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (found,) = out.glob("planexec-*.whl")
    return found


@pytest.fixture(scope="module", params=["wheel", "checkout"])
def installed(
    request: pytest.FixtureRequest, source: Path, wheel: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    """The venv's python with planexec installed from the wheel, or by `pip install <checkout>`."""
    root = tmp_path_factory.mktemp(f"venv-{request.param}")
    python = _new_venv(root / "venv")
    # A checkout is built the way a user's pip builds it: in an isolated build environment.
    target = [str(wheel)] if request.param == "wheel" else [str(source)]
    done = _run([str(python), "-m", "pip", "install", "-q", "--no-deps", *target], root)
    assert done.returncode == 0, done.stderr[-2000:]
    yield python


@pytest.fixture()
def user_project(tmp_path: Path) -> Path:
    """An unrelated project with its own top-level `schemas` and `app` packages."""
    project = tmp_path / "user-project"
    for name in ("schemas", "app", "graph", "tools", "nodes"):
        (project / name).mkdir(parents=True)
        (project / name / "__init__.py").write_text(_USER_PACKAGE.format(name=name))
    return project


def _env(home: Path) -> dict[str, str]:
    env = offline_env(home)
    env.pop("PLANEXEC_ARTIFACT_DIR")  # maps must go to <home>/artifacts by default
    env.pop("PYTHONPATH", None)
    return env


def _package_files(python: Path) -> set[str]:
    found = _run(
        [str(python), "-c", "import planexec, os; print(os.path.dirname(planexec.__file__))"], Path("/")
    )
    root = Path(found.stdout.strip())
    return {str(p.relative_to(root)) for p in root.rglob("*") if "__pycache__" not in p.parts}


def test_wheel_holds_only_the_planexec_package(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/", 1)[0] for name in names}
    assert top == {"planexec", wheel.name.split("-")[0] + "-" + wheel.name.split("-")[1] + ".dist-info"}
    assert "planexec/data/brazil_solar_aneel_siga_2025.csv" in names
    assert "planexec/data/derived/heat_stress_zones.geojson" in names
    assert "planexec/data/policy/paris_agreement_2015_en.txt" in names
    assert any(n.startswith("planexec/schemas/json/") and n.endswith(".json") for n in names)
    assert not any(
        n.startswith(("planexec/tests/", "planexec/benchmarks/", "planexec/notebooks/")) for n in names
    )


def test_installed_package_answers_from_an_unrelated_directory(
    installed: Path, user_project: Path, tmp_path: Path
) -> None:
    home = tmp_path / "state"
    before = _package_files(installed)
    done = _run([str(installed), "-c", ASK], user_project, _env(home))
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert "site-packages" in result["package"] and str(REPO_ROOT) not in result["package"]
    assert result["counts"]["plants_matched"] == 196
    assert result["counts"]["plants_total"] == 788
    assert result["partial"] is False
    (geo,) = result["maps"]
    map_path = Path(geo["geojson_path"])
    assert map_path.is_file() and map_path.is_relative_to(home / "artifacts")
    assert _package_files(installed) == before, "something was written into the install folder"
    assert sorted(p.name for p in user_project.iterdir()) == ["app", "graph", "nodes", "schemas", "tools"]

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    trace = _run([str(installed.parent / "planexec"), "trace", result["thread_id"]], elsewhere, _env(home))
    assert trace.returncode == 0, trace.stderr[-2000:]
    assert QUERY in trace.stdout and "FindSpatialCorrelations" in trace.stdout
    assert list(elsewhere.iterdir()) == []


def test_default_state_folder_is_the_per_user_data_dir(installed: Path, tmp_path: Path) -> None:
    env = _env(tmp_path)
    env.pop("PLANEXEC_HOME")
    env["HOME"] = str(tmp_path / "user-home")
    env.pop("XDG_DATA_HOME", None)
    shown = _run(
        [str(installed), "-c", "from planexec.schemas.settings import Settings; print(Settings().home)"],
        tmp_path,
        env,
    )
    assert shown.returncode == 0, shown.stderr
    assert Path(shown.stdout.strip()) == tmp_path / "user-home" / ".local" / "share" / "planexec"
