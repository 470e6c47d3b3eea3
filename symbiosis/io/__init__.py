"""Networks in and out of files.

- :mod:`.networks`: bundled data sets, YAML and JSON files, and the dispatch to tables.
- :mod:`.documents`: YAML/JSON parsing with the line of every field, pydantic errors as mistakes.
- :mod:`.tables`: a network as a folder of CSV files or an Excel workbook.
- :mod:`.export`: a network in another format (lossless ones and graph formats).
- :mod:`.template`: the commented template network of ``symbiosis new``.
- :mod:`.atomic`: atomic writes (temporary file, then rename).
"""

from symbiosis.io.atomic import write_atomic, write_files
from symbiosis.io.documents import format_path, pydantic_problems, read_document
from symbiosis.io.networks import (
    bundled_networks,
    load_network,
    network_from_dict,
    network_to_dict,
    resolve_network_path,
    save_network,
)

__all__ = ["bundled_networks", "format_path", "load_network", "network_from_dict", "network_to_dict",
           "pydantic_problems", "read_document", "resolve_network_path", "save_network", "write_atomic",
           "write_files"]
