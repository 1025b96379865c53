"""The drafting node fixtures (an indexed memory and a planned state), shared with the unit tests."""

from tests.unit.nodes.drafting.conftest import drafting_home, indexed_state, sample_inputs

__all__ = ["drafting_home", "indexed_state", "sample_inputs"]
