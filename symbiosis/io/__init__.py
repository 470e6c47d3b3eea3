"""Networks in and out of files.

- :mod:`.networks`: bundled data sets, YAML and JSON files, and the dispatch to tables.
- :mod:`.documents`: YAML/JSON parsing with the line of every field, pydantic errors as mistakes.
- :mod:`.tables`: a network as a folder of CSV files or an Excel workbook.
- :mod:`.export`: a network in another format (lossless ones and graph formats).
- :mod:`.template`: the commented template network of ``symbiosis new``.
- :mod:`.atomic`: atomic writes (temporary file, then rename).
- :mod:`.names`: which network a name means (bundled or a file), before anything heavy is imported.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from symbiosis.io.atomic import write_atomic, write_files
    from symbiosis.io.documents import format_path, pydantic_problems, read_document
    from symbiosis.io.names import bundled_networks, resolve_network_path
    from symbiosis.io.networks import load_network, network_from_dict, network_to_dict, save_network

__all__ = ["bundled_networks", "format_path", "load_network", "network_from_dict", "network_to_dict",
           "pydantic_problems", "read_document", "resolve_network_path", "save_network", "write_atomic",
           "write_files"]


def __getattr__(name: str) -> Any:
    """The names above, imported on first use: ``symbiosis.io.atomic`` or ``.names`` (what the command line
    needs before any work) load without pydantic and the model, which ``.networks`` and ``.documents`` need."""
    if name in ("write_atomic", "write_files"):
        import symbiosis.io.atomic as atomic

        return getattr(atomic, name)
    if name in ("bundled_networks", "resolve_network_path"):
        import symbiosis.io.names as names

        return getattr(names, name)
    if name in ("format_path", "pydantic_problems", "read_document"):
        import symbiosis.io.documents as documents

        return getattr(documents, name)
    if name in __all__:
        import symbiosis.io.networks as networks

        return getattr(networks, name)
    raise AttributeError(f"module 'symbiosis.io' has no attribute {name!r}")
