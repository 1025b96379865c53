"""A private Postgres cluster for tests: initdb + pg_ctl under a temp dir on 127.0.0.1."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def pg_bin_dir() -> Path | None:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(cmd: str) -> list[str]:
    if os.geteuid() == 0:  # initdb refuses to run as root
        return ["su", "postgres", "-s", "/bin/sh", "-c", cmd]
    return ["/bin/sh", "-c", cmd]


@contextmanager
def private_cluster() -> Iterator[str]:
    """Start a throwaway cluster; yield its URL; stop and delete it on exit."""
    bindir = pg_bin_dir()
    if bindir is None:
        raise RuntimeError("Postgres binaries not found (install Debian's 'postgresql' package)")
    root = Path(tempfile.mkdtemp(prefix="planexec-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    port = _free_port()
    data, log = root / "data", root / "log"
    subprocess.run(
        _as_postgres(f"{bindir}/initdb -D {data} -A trust -U postgres >/dev/null"), check=True, timeout=120
    )
    subprocess.run(
        _as_postgres(
            f"{bindir}/pg_ctl -D {data} -o '-p {port} -k {root} -h 127.0.0.1' -l {log} "
            "-w -t 60 start >/dev/null"
        ),
        check=True,
        timeout=90,
    )
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_postgres(f"{bindir}/pg_ctl -D {data} -m immediate -w -t 30 stop >/dev/null"),
            check=False,
            timeout=60,
        )
        shutil.rmtree(root, ignore_errors=True)
