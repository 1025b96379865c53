"""Bounded, isolated correlation sessions for the geospatial server.

A session holds entity sets by type (each with its lazily built STRtree) and the latest
correlation. Sessions never see each other's data. Bounds:
- TTL: a session unused for `ttl_s` seconds expires (Settings.geo_session_ttl_s, default 3600);
- at most `max_sessions` sessions (Settings.geo_max_sessions, default 256), least recently
  used evicted first;
- at most `max_entities` entities per session (Settings.geo_max_entities, default 2,000,000);
  a registration that would exceed it is refused with a clear error.
The clock is injectable for tests.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from planexec.schemas.entities import PackedColumn
from planexec.schemas.settings import Settings
from planexec.schemas.tools.geospatial import MISSING_STATE_CODE
from planexec.tools.servers.geospatial.geo import JoinResult, SpatialIndex
from planexec.tools.stores.columnar import Column

DEFAULT_TTL_S = 3600.0
DEFAULT_MAX_SESSIONS = 256
DEFAULT_MAX_ENTITIES = 2_000_000


class SessionError(ValueError):
    """A session request that cannot be served (unknown session or type, limit reached)."""


class MissingStateError(SessionError):
    """The session or entity type the call needs is not here (never registered, expired, or lost
    in a restart). Its message starts with MISSING_STATE_CODE so clients can re-register."""

    def __init__(self, message: str) -> None:
        super().__init__(f"{MISSING_STATE_CODE}: {message}")


@dataclass
class EntitySet:
    """One registered entity type: ids, the spatial index and attribute columns.

    `id_source` is the id array or a column decoded on first use of `ids` (registering a large
    set parses no id strings; only a caller that needs ids pays for them)."""

    entity_type: str
    id_source: np.ndarray | Column
    index: SpatialIndex
    columns: dict[str, PackedColumn | Column] = field(default_factory=dict)

    @cached_property
    def ids(self) -> np.ndarray:
        return self.id_source if isinstance(self.id_source, np.ndarray) else self.id_source.to_numpy()

    def __len__(self) -> int:
        return len(self.index)


@dataclass(frozen=True)
class Correlation:
    """The outcome of one FindSpatialCorrelations call."""

    left: EntitySet
    right: EntitySet
    method: str
    distance_km: float | None
    join: JoinResult


@dataclass
class Session:
    session_id: str
    created_at: float
    last_used: float
    sets: dict[str, EntitySet] = field(default_factory=dict)
    correlation_count: int = 0
    last_correlation: Correlation | None = None

    @property
    def total_entities(self) -> int:
        return sum(len(s) for s in self.sets.values())

    def entity_set(self, entity_type: str) -> EntitySet:
        try:
            return self.sets[entity_type]
        except KeyError:
            known = ", ".join(sorted(self.sets)) or "none"
            raise MissingStateError(
                f"entity type '{entity_type}' is not registered in session '{self.session_id}' "
                f"(registered types: {known}); call RegisterEntities first"
            ) from None


class SessionStore:
    """Thread-safe in-memory store of sessions with TTL, LRU bound and a per-session size limit."""

    def __init__(
        self,
        ttl_s: float = DEFAULT_TTL_S,
        max_sessions: int = DEFAULT_MAX_SESSIONS,
        max_entities: int = DEFAULT_MAX_ENTITIES,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.ttl_s = ttl_s
        self.max_sessions = max_sessions
        self.max_entities = max_entities
        self._clock = clock
        self._sessions: OrderedDict[str, Session] = OrderedDict()
        self._lock = threading.RLock()

    @classmethod
    def from_settings(cls, settings: Settings) -> SessionStore:
        return cls(
            ttl_s=settings.geo_session_ttl_s,
            max_sessions=settings.geo_max_sessions,
            max_entities=settings.geo_max_entities,
        )

    def __len__(self) -> int:
        with self._lock:
            self._expire()
            return len(self._sessions)

    def expires_at(self, session: Session) -> float:
        return session.last_used + self.ttl_s

    def _expire(self) -> None:
        now = self._clock()
        for sid in [s for s, sess in self._sessions.items() if now - sess.last_used >= self.ttl_s]:
            del self._sessions[sid]

    def _touch(self, session: Session) -> Session:
        session.last_used = self._clock()
        self._sessions.move_to_end(session.session_id)
        return session

    def get(self, session_id: str) -> Session:
        """The live session (refreshing its TTL), or SessionError when unknown or expired."""
        with self._lock:
            self._expire()
            session = self._sessions.get(session_id)
            if session is None:
                raise MissingStateError(
                    f"unknown or expired session '{session_id}'; register entities with "
                    "RegisterEntities in this session first"
                )
            return self._touch(session)

    def register(self, session_id: str, entity_set: EntitySet) -> Session:
        """Replace `entity_set.entity_type` in the session (created on first use)."""
        with self._lock:
            self._expire()
            session = self._sessions.get(session_id)
            current = 0 if session is None else session.total_entities
            replaced = (
                0
                if session is None or entity_set.entity_type not in session.sets
                else len(session.sets[entity_set.entity_type])
            )
            total = current - replaced + len(entity_set)
            if total > self.max_entities:
                raise SessionError(
                    f"session '{session_id}' would hold {total} entities, above the limit of "
                    f"{self.max_entities}; register fewer entities or use another session"
                )
            if session is None:
                now = self._clock()
                session = Session(session_id=session_id, created_at=now, last_used=now)
                self._sessions[session_id] = session
                while len(self._sessions) > self.max_sessions:
                    self._sessions.popitem(last=False)
            session.sets[entity_set.entity_type] = entity_set
            last = session.last_correlation
            if last is not None and entity_set.entity_type in (last.left.entity_type, last.right.entity_type):
                session.last_correlation = None  # its indices refer to the replaced set
            return self._touch(session)

    def record_correlation(self, session_id: str, correlation: Correlation) -> Session:
        with self._lock:
            session = self.get(session_id)
            session.correlation_count += 1
            session.last_correlation = correlation
            return session
