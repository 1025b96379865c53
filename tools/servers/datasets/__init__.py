"""The datasets the bundled servers serve: lazy loaders (loaders.py) and the derived layers builder."""
