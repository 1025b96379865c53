"""A private Postgres cluster for tests: initdb + pg_ctl under a temp dir on 127.0.0.1."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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


@dataclass
class Cluster:
    """A running private cluster: its URL, and stop/start/restart on the same port and data."""

    bindir: Path
    root: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _ctl(self, action: str, timeout: float = 90) -> None:
        data, log = self.root / "data", self.root / "log"
        options = f"-o '-p {self.port} -k {self.root} -h 127.0.0.1' -l {log} " if action == "start" else ""
        mode = "-m immediate " if action == "stop" else ""
        cmd = f"{self.bindir}/pg_ctl -D {data} {options}{mode}-w -t 60 {action} >/dev/null"
        subprocess.run(_as_postgres(cmd), check=action == "start", timeout=timeout)

    def start(self) -> None:
        self._ctl("start")

    def stop(self) -> None:
        """Immediate shutdown: every open connection breaks, as in a crash or a failover."""
        self._ctl("stop")

    def restart(self, down_s: float = 0.0) -> None:
        self.stop()
        time.sleep(down_s)
        self.start()


@contextmanager
def private_cluster_handle() -> Iterator[Cluster]:
    """Start a throwaway cluster; yield it (URL, stop/start/restart); stop and delete it on exit."""
    bindir = pg_bin_dir()
    if bindir is None:
        raise RuntimeError("Postgres binaries not found (install Debian's 'postgresql' package)")
    root = Path(tempfile.mkdtemp(prefix="planexec-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    cluster = Cluster(bindir=bindir, root=root, port=_free_port())
    subprocess.run(
        _as_postgres(f"{bindir}/initdb -D {root / 'data'} -A trust -U postgres >/dev/null"),
        check=True,
        timeout=120,
    )
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def private_cluster() -> Iterator[str]:
    """Start a throwaway cluster; yield its URL; stop and delete it on exit."""
    with private_cluster_handle() as cluster:
        yield cluster.url
