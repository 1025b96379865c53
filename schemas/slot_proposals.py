"""Slot values an LLM may propose, and how a proposal compared with the rule parse.

`SlotValues` is the comparable view of the slots (rule parse or LLM answer); `SlotProposal` is
the bounded form an LLM answer must satisfy (quintiles 1-5, 0 < km <= 500, 0-10,000 MW, ...);
`slot_proposal_model` narrows it for one call to the legal UF codes and region names.
`SlotComparison` is what `metadata.proposals` records for the "slots" phase.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, create_model

from planexec.schemas.base import Contract
from planexec.schemas.slots import Language, Layer, SpatialOperator

MAX_DISTANCE_KM = 500.0
MAX_CAPACITY_MW = 10_000.0
MAX_INCREMENT_KM2 = 10_000.0
QUINTILES = (1, 2, 3, 4, 5)
SlotValue = float | int | str | bool | list[str] | list[int] | None


class SlotValues(Contract):
    """The slots an LLM may propose, as comparable values (None / [] = empty)."""

    operator: SpatialOperator | None = Field(default=None, description="Spatial operator (method).")
    distance_km: float | None = Field(default=None, gt=0, description="Distance (ring: outer bound), km.")
    min_distance_km: float | None = Field(default=None, gt=0, description="Ring inner bound, km.")
    layer: Layer | None = Field(default=None, description="Hazard layer.")
    heat_quintiles: list[int] = Field(default_factory=list, description="Heat quintiles (5 = hottest).")
    states: list[str] = Field(default_factory=list, description="UF codes (regions not expanded).")
    regions: list[str] = Field(default_factory=list, description="Region names in English.")
    min_capacity_mw: float | None = Field(default=None, ge=0, description="Lower capacity bound, MW.")
    min_capacity_strict: bool | None = Field(default=None, description="'>' (True) or '>=' (False).")
    max_capacity_mw: float | None = Field(default=None, ge=0, description="Upper capacity bound, MW.")
    max_capacity_strict: bool | None = Field(default=None, description="'<' (True) or '<=' (False).")
    min_increment_km2: float | None = Field(default=None, ge=0, description="Deforestation increment bound.")
    min_increment_strict: bool | None = Field(default=None, description="'>' (True) or '>=' (False).")
    language: Language | None = Field(default=None, description="Answer language.")


Quintile = Annotated[int, Field(ge=1, le=5)]
UF = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]


class SlotProposal(SlotValues):
    """An LLM's slot proposal: only bounded values validate."""

    distance_km: float | None = Field(default=None, gt=0, le=MAX_DISTANCE_KM, description="km, (0, 500].")
    min_distance_km: float | None = Field(default=None, gt=0, le=MAX_DISTANCE_KM, description="km, (0, 500].")
    heat_quintiles: list[Quintile] = Field(default_factory=list, max_length=5, description="Quintiles 1-5.")
    states: list[UF] = Field(default_factory=list, max_length=27, description="UF codes.")
    min_capacity_mw: float | None = Field(default=None, ge=0, le=MAX_CAPACITY_MW, description="MW.")
    max_capacity_mw: float | None = Field(default=None, ge=0, le=MAX_CAPACITY_MW, description="MW.")
    min_increment_km2: float | None = Field(default=None, ge=0, le=MAX_INCREMENT_KM2, description="km².")


def slot_proposal_model(ufs: list[str], regions: list[str]) -> type[SlotProposal]:
    """`SlotProposal` narrowed for one call: states and regions must be among the legal ones."""
    uf_type: Any = Literal[tuple(ufs)]  # type: ignore[valid-type]
    region_type: Any = Literal[tuple(regions)]  # type: ignore[valid-type]
    fields: dict[str, Any] = {
        "states": (list[uf_type], Field(default_factory=list, max_length=len(ufs))),
        "regions": (list[region_type], Field(default_factory=list, max_length=len(regions))),
    }
    return create_model("SlotProposalForCall", __base__=SlotProposal, **fields)


class SlotDisagreement(Contract):
    slot: str = Field(description="Slot name.")
    rule: SlotValue = Field(description="The rule parse's value.")
    llm: SlotValue = Field(description="The LLM's value.")


class SlotComparison(Contract):
    """Rule parse and LLM proposal side by side, and which LLM values were used."""

    rule: SlotValues = Field(description="Slot values from the rule parse.")
    llm: SlotValues | None = Field(default=None, description="The LLM's values (None: rejected or no call).")
    disagreements: list[SlotDisagreement] = Field(
        default_factory=list, description="Slots both filled with different values (the rule value was kept)."
    )
    used: list[str] = Field(
        default_factory=list, description="Slots the rules left empty and the LLM filled consistently (used)."
    )
    not_used: list[str] = Field(
        default_factory=list,
        description="LLM values for empty slots that the query text does not support, why.",
    )
