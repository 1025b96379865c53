"""Session store of the geospatial server: isolation, TTL, LRU bound, size limit."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from planexec.schemas.settings import Settings
from planexec.tools.servers.geospatial.geo import JoinResult, SpatialIndex
from planexec.tools.servers.geospatial.sessions import Correlation, EntitySet, SessionError, SessionStore


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def _set(entity_type: str, n: int) -> EntitySet:
    lon = np.linspace(-50, -40, n)
    lat = np.linspace(-20, -10, n)
    ids = np.array([f"{entity_type}-{i}" for i in range(n)], dtype=object)
    return EntitySet(entity_type, ids, SpatialIndex(lon, lat))


def test_sessions_are_isolated() -> None:
    store = SessionStore()
    store.register("a", _set("solar", 3))
    store.register("b", _set("zones", 2))
    assert set(store.get("a").sets) == {"solar"}
    assert set(store.get("b").sets) == {"zones"}
    with pytest.raises(SessionError) as err:
        store.get("a").entity_set("zones")
    assert "registered types: solar" in str(err.value)  # names only this session's types
    with pytest.raises(SessionError, match="unknown or expired session 'c'"):
        store.get("c")


def test_register_replaces_a_type_and_counts() -> None:
    store = SessionStore()
    store.register("s", _set("solar", 3))
    store.register("s", _set("zones", 2))
    session = store.register("s", _set("solar", 5))
    assert session.total_entities == 7
    assert len(session.sets["solar"]) == 5


def test_replacing_a_type_drops_the_correlation_that_used_it() -> None:
    store = SessionStore()
    solar = _set("solar", 2)
    store.register("s", solar)
    empty = JoinResult(np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0))
    store.record_correlation("s", Correlation(solar, solar, "proximity", 1.0, empty))
    assert store.get("s").correlation_count == 1
    store.register("s", _set("solar", 2))
    session = store.get("s")
    assert session.last_correlation is None and session.correlation_count == 1


def test_ttl_expiry_with_injected_clock() -> None:
    clock = FakeClock()
    store = SessionStore(ttl_s=10, clock=clock)
    store.register("s", _set("solar", 1))
    clock.now += 9
    store.get("s")  # use refreshes the TTL
    assert store.expires_at(store.get("s")) == clock.now + 10
    clock.now += 9.5
    assert store.get("s").session_id == "s"
    clock.now += 10
    with pytest.raises(SessionError, match="expired"):
        store.get("s")
    assert len(store) == 0


def test_lru_bound_evicts_least_recently_used() -> None:
    clock = FakeClock()
    store = SessionStore(max_sessions=2, clock=clock)
    store.register("a", _set("solar", 1))
    store.register("b", _set("solar", 1))
    store.get("a")  # a is now more recent than b
    store.register("c", _set("solar", 1))
    assert len(store) == 2
    store.get("a")
    store.get("c")
    with pytest.raises(SessionError):
        store.get("b")


def test_size_limit_per_session() -> None:
    store = SessionStore(max_entities=10)
    store.register("s", _set("solar", 6))
    with pytest.raises(SessionError, match="above the limit of 10"):
        store.register("s", _set("zones", 5))
    store.register("s", _set("solar", 10))  # replacing the type frees its share
    assert store.get("s").total_entities == 10
    store.register("other", _set("zones", 10))  # the limit is per session


def test_bounds_from_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANEXEC_GEO_SESSION_TTL_S", "5")
    monkeypatch.setenv("PLANEXEC_GEO_MAX_SESSIONS", "3")
    monkeypatch.setenv("PLANEXEC_GEO_MAX_ENTITIES", "100")
    store = SessionStore.from_settings(Settings())
    assert (store.ttl_s, store.max_sessions, store.max_entities) == (5.0, 3, 100)
    monkeypatch.setenv("PLANEXEC_GEO_SESSION_TTL_S", "soon")
    with pytest.raises(ValidationError, match="geo_session_ttl_s"):
        Settings()
