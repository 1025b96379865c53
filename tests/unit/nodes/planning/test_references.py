from __future__ import annotations

import pytest

from planexec.nodes.planning.references import ReferenceError_, iter_refs, parse_ref, resolve


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("${solar.entities}", ("solar", ["entities"])),
        ("${a}", ("a", [])),
        ("${a.b.c}", ("a", ["b", "c"])),
        ("x ${a.b}", None),
        ("${A.b}", None),
        (3, None),
    ],
)
def test_parse_ref(value: object, expected: object) -> None:
    assert parse_ref(value) == expected


def test_iter_refs_finds_nested_references() -> None:
    args = {"a": "${s.x}", "b": {"c": "${t.y.z}"}, "d": ["${u.v}", 1]}
    assert sorted(iter_refs(args)) == [("a", "s", ["x"]), ("b.c", "t", ["y", "z"]), ("d[0]", "u", ["v"])]


def test_resolve_replaces_whole_value_references() -> None:
    results = {"s": {"x": {"big": [1, 2]}, "n": 3}}
    assert resolve({"a": "${s.x}", "b": 1, "c": ["${s.n}"]}, results) == {
        "a": {"big": [1, 2]},
        "b": 1,
        "c": [3],
    }


def test_resolve_missing_path_raises() -> None:
    with pytest.raises(ReferenceError_, match="missing 'y'"):
        resolve("${s.y}", {"s": {"x": 1}})
