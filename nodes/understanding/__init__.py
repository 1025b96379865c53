"""Rule-based query understanding: slots and intent scores, pure functions, no I/O, no LLM."""
