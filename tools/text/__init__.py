"""Text utilities: token estimation for prompts and messages."""
