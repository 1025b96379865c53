"""Pure checks of text a model sent back: markup, echoes of the prompt or of JSON, the language."""
