"""Package list for setuptools: the repository root is the package `planexec` (see pyproject.toml)."""

from setuptools import find_packages, setup

LAYERS = ("schemas", "tools", "nodes", "graph", "app")
setup(
    packages=["planexec"]
    + [
        f"planexec.{p}"
        for p in find_packages(include=[f"{layer}{s}" for layer in LAYERS for s in ("", ".*")])
    ]
)
