"""Internal fields travel in the request `_meta`, not as tool arguments, when a server hides them."""

from __future__ import annotations

from planexec.schemas.tools.internal import INTERNAL_META_KEY
from planexec.schemas.tools.solar import FacilitiesArgs
from planexec.tools.client.call_io import internal_meta, wire_payload
from planexec.tools.client.server_info import ToolInfo


def _info(properties: dict[str, object]) -> ToolInfo:
    schema = {"type": "object", "properties": properties}
    return ToolInfo("GetFacilitiesForGeospatial", None, schema, None, "h")


def test_hidden_internal_fields_go_to_meta_and_not_the_arguments() -> None:
    args = FacilitiesArgs(states=["BA"], synthetic_points=500)
    public = {k: {} for k in FacilitiesArgs.model_fields if k not in {"schema_version", "synthetic_points"}}
    info = _info(public)
    payload = wire_payload(args, {"states": ["BA"], "synthetic_points": 500}, info, "solar", "t")
    assert "synthetic_points" not in payload and "schema_version" not in payload
    assert payload["states"] == ["BA"]
    assert internal_meta(args, info) == {
        INTERNAL_META_KEY: {"schema_version": args.schema_version, "synthetic_points": 500}
    }


def test_a_server_that_still_advertises_them_gets_them_as_arguments() -> None:
    args = FacilitiesArgs(synthetic_points=5)
    info = _info({k: {} for k in FacilitiesArgs.model_fields})
    assert wire_payload(args, {"synthetic_points": 5}, info, "solar", "t")["synthetic_points"] == 5
    assert internal_meta(args, info) is None
    assert internal_meta(None, info) is None
