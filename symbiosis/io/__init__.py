"""Networks in and out of files.

- :mod:`.networks`: bundled data sets, YAML and JSON files, and the dispatch to tables.
- :mod:`.documents`: YAML/JSON parsing with the line of every field, pydantic errors as mistakes.
- :mod:`.tables`: a network as a folder of CSV files or an Excel workbook.
- :mod:`.export`: a network in another format (lossless ones and graph formats).
- :mod:`.template`: the commented template network of ``symbiosis new``.
- :mod:`.atomic`: atomic writes (temporary file, then rename).
- :mod:`.names`: which network a name means (bundled or a file), before anything heavy is imported.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from symbiosis.io.atomic import write_atomic, write_files
    from symbiosis.io.documents import format_path, pydantic_problems, read_document
    from symbiosis.io.names import bundled_networks, resolve_network_path
    from symbiosis.io.networks import load_network, network_from_dict, network_to_dict, save_network

__all__ = ["bundled_networks", "format_path", "load_network", "network_from_dict", "network_to_dict",
           "pydantic_problems", "read_document", "resolve_network_path", "save_network", "write_atomic",
           "write_files"]


#: Where each name lives: imported on first use.
_HOME = {"write_atomic": "atomic", "write_files": "atomic", "bundled_networks": "names",
         "resolve_network_path": "names", "format_path": "documents", "pydantic_problems": "documents",
         "read_document": "documents", "load_network": "networks", "network_from_dict": "networks",
         "network_to_dict": "networks", "save_network": "networks"}


def __getattr__(name: str) -> Any:
    """The names above, imported on first use: ``symbiosis.io.atomic`` or ``.names`` (what the command line
    needs before any work) load without pydantic and the model, which ``.networks`` and ``.documents`` need."""
    if name not in _HOME:
        raise AttributeError(f"module 'symbiosis.io' has no attribute {name!r}")
    return getattr(import_module(f"symbiosis.io.{_HOME[name]}"), name)
