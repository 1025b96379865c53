"""Turn the hand-written cases (cases.py) into devset.jsonl: expected plan arguments and expected
numbers, computed independently from the raw data by tests/support/truth.py (no planexec code).

    python -m tests.devset.generate          # rewrite tests/devset/devset.jsonl
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.devset.cases import CASES, Case
from tests.support import truth

DEVSET = Path(__file__).with_name("devset.jsonl")
NAMES = {
    "AC": "Acre", "AL": "Alagoas", "AP": "Amapá", "AM": "Amazonas", "BA": "Bahia", "CE": "Ceará",
    "DF": "Distrito Federal", "ES": "Espírito Santo", "GO": "Goiás", "MA": "Maranhão", "MT": "Mato Grosso",
    "MS": "Mato Grosso do Sul", "MG": "Minas Gerais", "PA": "Pará", "PB": "Paraíba", "PR": "Paraná",
    "PE": "Pernambuco", "PI": "Piauí", "RJ": "Rio de Janeiro", "RN": "Rio Grande do Norte",
    "RS": "Rio Grande do Sul", "RO": "Rondônia", "RR": "Roraima", "SC": "Santa Catarina", "SP": "São Paulo",
    "SE": "Sergipe", "TO": "Tocantins",
}  # fmt: skip


def _kept(spec: dict[str, Any]) -> list[truth.Plant]:
    return truth.within_bounds(
        truth.plants(),
        spec.get("states") or None,
        spec.get("low"),
        bool(spec.get("low_strict")),
        spec.get("high"),
        bool(spec.get("high_strict")),
    )


def _zone_ok(spec: dict[str, Any]) -> list[bool]:
    return truth.zone_filter(
        spec["layer"],
        spec.get("quintiles") or (5,),
        spec.get("min_increment_km2"),
        bool(spec.get("increment_strict")),
    )


def _solar_args(spec: dict[str, Any]) -> dict[str, Any]:
    return {
        "states": sorted(spec.get("states") or []),
        "min_capacity_mw": spec.get("low"),
        "min_capacity_strict": bool(spec.get("low_strict")),
        "max_capacity_mw": spec.get("high"),
        "max_capacity_strict": bool(spec.get("high_strict")),
    }


def _layer_args(spec: dict[str, Any]) -> dict[str, Any]:
    if spec["layer"] == "heat":
        return {"zones": {"quintiles": sorted(spec.get("quintiles") or [5])}}
    inc = spec.get("min_increment_km2")
    return {"areas": {"min_increment_km2": inc, "min_increment_strict": bool(spec.get("increment_strict"))}}


def _numbers(result: truth.Truth, kept: list[truth.Plant]) -> dict[str, Any]:
    return {
        "count": result.count,
        "capacity_mw": round(result.capacity_mw, 4),
        "plants_total": len(kept),
        "truth": result.describe()[:300],
        "borderline": list(result.borderline),
    }


def _spatial(case: Case, spec: dict[str, Any]) -> dict[str, Any]:
    kept, kind = _kept(spec), spec["type"]
    args: dict[str, Any] = {"solar": _solar_args(spec)}
    if kind == "map":
        return {"args": args, "numbers": _numbers(truth.summarize(kept), kept)}
    args |= _layer_args(spec)
    ok = _zone_ok(spec)
    if kind == "ring":
        args["correlation"] = {
            "method": "ring",
            "distance_km": spec["outer_km"],
            "min_distance_km": spec["inner_km"],
        }
        result = truth.ring(spec["layer"], ok, spec["inner_km"], spec["outer_km"], kept)
    elif kind == "outside":
        args["correlation"] = {"method": "outside"}
        result = truth.outside(spec["layer"], ok, kept)
    elif kind == "nearest":
        args["correlation"] = {"method": "nearest"}
        result = truth.summarize(kept)  # every plant is paired with its nearest zone
    else:
        km = None if kind == "overlap" else spec.get("distance_km")
        args["correlation"] = {"method": "within" if km is None else "proximity", "distance_km": km}
        result = truth.correlation(spec["layer"], ok, km, kept)
    return {"args": args, "numbers": _numbers(result, kept)}


def _by(plants: list[truth.Plant], how: str, key: Any = lambda p: p.uf) -> dict[str, float | None]:
    return {k: truth.measure([p.capacity_mw for p in v], how) for k, v in truth.group_by(plants, key).items()}


def _top(values: dict[str, float | None], names: bool = True) -> tuple[float, str]:
    key, value = truth.rank(values)[0]
    return value, NAMES.get(key, key) if names else key


def _aggregate(case: Case, spec: dict[str, Any]) -> dict[str, Any]:
    fn, p = spec["fn"], spec["params"]
    label: str | None = None
    exact = fn in ("count", "areas_count")
    if fn in ("count", "sum", "mean", "median", "max", "min"):
        values = [x.capacity_mw for x in _kept(p)]
        value = truth.measure(values, fn)
        states = p.get("states") or []
        label = NAMES[states[0]] if len(states) == 1 and p.get("label", True) else None
    elif fn in ("top_state", "top_region"):
        key = (lambda x: x.uf) if fn == "top_state" else (lambda x: truth.region_of(x.uf))
        value, label = _top(_by(list(truth.plants()), p["how"], key), names=fn == "top_state")
        exact = p["how"] == "count"
        label = None if fn == "top_region" and case.language != "en" else label
    elif fn == "compare":
        value = _by(_kept({"states": [p["a"], p["b"]]}), p["how"])[p["a"]]
        label, exact = NAMES[p["a"]], p["how"] == "count"
    elif fn in ("areas_count", "increment_sum"):
        areas = [a for a in truth.area_props("deforestation") if a["uf"] == p["uf"]]
        value = len(areas) if fn == "areas_count" else sum(float(a["increment_km2"]) for a in areas)
    elif fn == "share_inside":
        kept = _kept({"states": [p["uf"]]})
        inside = truth.matched_ids("heat", None, (5,), None)
        value = 100.0 * sum(x.id in inside for x in kept) / len(kept)
    elif fn == "share_capacity":
        value = (
            100.0
            * sum(x.capacity_mw for x in _kept({"states": [p["uf"]]}))
            / sum(x.capacity_mw for x in truth.plants())
        )
        label = NAMES[p["uf"]]
    elif fn in ("mean_near", "top_near"):
        ids = truth.matched_ids(p["layer"], p["km"], (5,), None)
        near = [x for x in truth.plants() if x.id in ids]
        if fn == "mean_near":
            value = truth.measure([x.capacity_mw for x in near], "mean")
        else:
            value, label = _top(_by(near, "sum"))
    else:
        raise ValueError(f"unknown aggregate fn {fn!r}")
    assert value is not None, case.id
    return {"numbers": {"value": round(float(value), 6), "exact": exact, "label": label}}


def _policy(case: Case, spec: dict[str, Any]) -> dict[str, Any]:
    mentions = truth.policy_mentions(spec["pattern"])
    grounded = [a for a in spec["articles"] if any(m == a or m.startswith(f"{a}(") for m in mentions)]
    assert grounded, f"{case.id}: no passage of {spec['articles']} says {spec['pattern']!r}"
    return {
        "citations": {
            "articles": spec["articles"],
            "grounded_in": sorted(m for m in mentions if m.split("(")[0] in grounded),
        }
    }


def expectation(case: Case) -> dict[str, Any]:
    spec = case.spec
    kind = spec["type"]
    if kind == "policy":
        return _policy(case, spec)
    if kind == "aggregate":
        return _aggregate(case, spec)
    if kind == "clarify":
        return {"clarify_reasons": spec["reasons"]}
    out = _spatial(case, spec)
    if spec.get("mentions"):
        out["mentions"] = spec["mentions"]
    return out


def records() -> list[dict[str, Any]]:
    out = []
    for case in CASES:
        expect = expectation(case)
        for mode in case.modes:
            suffix = "" if mode == "single" else f"-{mode}"
            head = {"id": case.id + suffix, "kind": case.kind, "messages": list(case.messages), "mode": mode}
            routes = {"route": case.route, "routes": [case.route, *case.also], "language": case.language}
            out.append({**head, **routes, "spec": case.spec, **expect})
    return out


def render() -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records())


def main() -> None:
    DEVSET.write_text(render(), encoding="utf-8")
    print(f"wrote {DEVSET} ({len(records())} cases)")


if __name__ == "__main__":
    main()
