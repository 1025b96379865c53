"""Node: read and validate project_profile.yaml (artifact type, audience, jurisdiction, length…)."""

from __future__ import annotations

import time
from typing import Any

from pydantic import ValidationError

from planexec.nodes.drafting.profile_io import ProfileError, raw_profile
from planexec.nodes.drafting.state import DraftingState
from planexec.nodes.drafting.tracing import trace
from planexec.schemas.drafting import ProjectProfile


def profile_problem(exc: ValidationError) -> str:
    """One line per schema violation: 'field: message'."""
    lines = [f"{'.'.join(str(p) for p in err['loc']) or 'profile'}: {err['msg']}" for err in exc.errors()]
    return "invalid project profile: " + "; ".join(lines)


def prepare_drafting_context(state: DraftingState) -> dict[str, Any]:
    started = time.time()
    try:
        data = raw_profile(state)
        profile = ProjectProfile.model_validate(data)
    except ProfileError as exc:
        return {"fatal": str(exc)}
    except ValidationError as exc:
        return {"fatal": profile_problem(exc)}
    dumped = profile.model_dump()
    record = trace("prepare_drafting_context", ProjectProfile, data, dumped, started=started)
    return {"profile": dumped, "trace": [record]}
