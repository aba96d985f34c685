"""Data files that other packages ship, found without importing those packages.

Importing a package to learn where it is can cost more than the work its file is for:
``import jieba`` loads its HMM tables and ``pkg_resources``, ``import pyvis`` loads IPython
and Jinja2 (0.2 s of every build, for two files of vis-network).
"""

from __future__ import annotations

import importlib.util
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

__all__ = ["package_file"]


def package_file(package: str, relative: str) -> Traversable:
    """The file at ``relative`` (a ``/``-separated path) in the installed ``package``.

    The package's folder is found from its import spec, which does not run it; a package
    installed in another form (a zip file, say) is imported and asked for the file.

    Example:
        >>> package_file("jieba", "dict.txt").name
        'dict.txt'
    """
    spec = importlib.util.find_spec(package)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder, *relative.split("/"))
        if path.is_file():
            return path
    return resources.files(package).joinpath(relative)
