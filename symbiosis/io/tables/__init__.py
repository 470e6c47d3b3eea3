"""A network as tables: a folder of CSV files or an Excel workbook, and back.

- :mod:`.layout`: the sheets and their columns, derived from the model.
- :mod:`.write`: a network to CSV files or a workbook.
- :mod:`.read`: CSV files or a workbook to a network, every mistake with its cell.
"""

from symbiosis.io.tables.layout import CHILD_SHEETS, ROW_SHEETS, SHEETS, Column, columns, sheet_columns
from symbiosis.io.tables.read import is_table_path, read_csv_folder, read_tables, read_workbook, tables_to_network
from symbiosis.io.tables.write import network_to_tables, workbook, write_csv_folder, write_workbook

__all__ = ["CHILD_SHEETS", "ROW_SHEETS", "SHEETS", "Column", "columns", "is_table_path", "network_to_tables",
           "read_csv_folder", "read_tables", "read_workbook", "sheet_columns", "tables_to_network", "workbook",
           "write_csv_folder", "write_workbook"]
