"""What the retention tests share: a day in seconds and settings with a 7-day TTL and no size cap."""

from __future__ import annotations

import pytest

from planexec.schemas.settings import Settings

DAY = 86400.0


def retention_settings(monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings whose retention keeps 7 days and has no size cap (set through the environment)."""
    monkeypatch.setenv("PLANEXEC_RETENTION_TTL_S", str(7 * DAY))
    monkeypatch.setenv("PLANEXEC_RETENTION_MAX_BYTES", "0")
    return Settings()
