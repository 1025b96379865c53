"""Helpers (not a node): load section templates (YAML data files) and fit them to a profile."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from planexec.schemas.drafting import DraftPlan, ProjectProfile, SectionSpec

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
LENGTH_FACTOR = {"short": 0.6, "medium": 1.0, "long": 1.6}


class TemplateError(ValueError):
    """A template file is missing or malformed."""


def load_template(name: str) -> dict[str, Any]:
    """The raw template `name` (a file nodes/drafting/templates/<name>.yaml)."""
    path = TEMPLATE_DIR / f"{name}.yaml"
    if not path.is_file():
        raise TemplateError(f"no template {name!r} in {TEMPLATE_DIR}")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        raise TemplateError(f"template {name!r} has no section list")
    return data


def scaled(spec: dict[str, Any], factor: float) -> SectionSpec:
    section = SectionSpec.model_validate(spec)
    low = max(10, round(section.min_words * factor))
    return section.model_copy(
        update={"min_words": low, "max_words": max(low + 20, round(section.max_words * factor))}
    )


def plan_for(profile: ProjectProfile) -> DraftPlan:
    """The plan code chooses: the artifact type's template, word bounds scaled by the profile length."""
    template = load_template(profile.artifact_type)
    factor = LENGTH_FACTOR[profile.length]
    return DraftPlan(
        template=str(template["id"]),
        template_version=str(template.get("version", "0")),
        artifact_type=profile.artifact_type,
        title=profile.title,
        sections=[scaled(spec, factor) for spec in template["sections"]],
    )
