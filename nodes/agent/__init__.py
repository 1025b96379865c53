"""The general agent: a bounded tool-calling agent for queries no recipe covers (LLM only)."""
