"""Helpers (not a node): read project_profile.yaml into a dict, with clear errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from planexec.nodes.drafting.state import DraftingState


class ProfileError(ValueError):
    """The project profile cannot be read or does not follow the schema."""


def raw_profile(state: DraftingState) -> dict[str, Any]:
    """The profile as given (inline dict or YAML file), not yet validated."""
    if state.get("profile_data") is not None:
        data: Any = state.get("profile_data")
    else:
        path = state.get("profile_path")
        if not path:
            raise ProfileError("no project profile given (project_profile.yaml)")
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ProfileError(f"cannot read profile {path}: {exc}") from exc
        except yaml.YAMLError as exc:
            raise ProfileError(f"profile {path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ProfileError("the project profile must be a YAML mapping (key: value)")
    return data


def profile_facts(state: DraftingState) -> list[str]:
    """The profile's facts if readable (indexed as passages); [] otherwise."""
    try:
        facts = raw_profile(state).get("facts") or []
    except ProfileError:
        return []
    return [str(f).strip() for f in facts if str(f).strip()] if isinstance(facts, list) else []
