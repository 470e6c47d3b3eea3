"""Values that fit one cell: a list of names, a range, a mapping; read from and written to their text.

==========  ==============================  ===================================
kind        cell text                       value
==========  ==============================  ===================================
``names``   ``@hb2016, @br18``              ``("@hb2016", "@br18")``
``range``   ``4000 to 7020``                ``[4000.0, 7020.0]``
``mapping`` ``N=0.12; S=0.26``              ``{"N": 0.12, "S": 0.26}``
==========  ==============================  ===================================
"""

from __future__ import annotations

from typing import Any

__all__ = ["EXAMPLES", "FORMULA_STARTS", "cell_text", "csv_safe", "csv_text", "read_cell"]

#: What a spreadsheet takes for the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: How each kind is written, for messages and the workbook's help sheet.
EXAMPLES = {"names": "@hb2016, @br18", "range": "4000 to 7020", "mapping": "N=0.12; S=0.26"}


def read_cell(kind: str, text: str, decimal_comma: bool = False) -> Any:
    """The value of a ``names``, ``range`` or ``mapping`` cell.

    Raises
    ------
    ValueError
        If the text is not of that kind (the message shows how to write it).

    >>> read_cell("range", "-1300 to -570"), read_cell("mapping", "N=0,12; S=0,26", decimal_comma=True)
    ([-1300.0, -570.0], {'N': 0.12, 'S': 0.26})
    """
    if kind == "names":
        return tuple(part.strip() for part in text.split(",") if part.strip())

    def number(part: str) -> float:
        part = part.strip()
        return float(part.replace(",", ".") if decimal_comma else part)

    try:
        if kind == "range":
            low, high = text.split(" to ")
            return [number(low), number(high)]
        pairs = [part.split("=") for part in text.split(";") if part.strip()]
        return {k.strip(): [number(x) for x in v.split(" to ")] if " to " in v else number(v)
                for k, v in pairs}  # a value may be a range (a process's ratio_ranges: biomethane=26.7 to 85.7)
    except ValueError:
        raise ValueError(f"'{text}' is not a {kind}; write it as '{EXAMPLES[kind]}'") from None


def cell_text(value: Any, kind: str) -> Any:
    """A ``names``, ``range`` or ``mapping`` value as its cell text; any other value as it is.

    >>> cell_text([4000.0, 7020.0], "range"), cell_text({"N": 0.12}, "mapping")
    ('4000.0 to 7020.0', 'N=0.12')
    """
    if kind == "names":
        return ", ".join(value)
    if kind == "range":
        return f"{value[0]!r} to {value[1]!r}"
    if kind == "mapping":
        return "; ".join(f"{k}={cell_text(v, 'range') if isinstance(v, list | tuple) else repr(v)}"
                         for k, v in value.items())
    return value


def csv_safe(text: str) -> str:
    """``text`` for a CSV cell a spreadsheet opens: one ``'`` before a formula's first character
    (``=``, ``+``, ``-``, ``@``, tab, carriage return) or before a ``'`` (so :func:`csv_text` undoes it).

    >>> print(csv_safe('=HYPERLINK("http://x";"click")'), csv_safe("-5 to 5"), csv_safe("'t Hooft"), csv_safe("Novo"))
    '=HYPERLINK("http://x";"click") '-5 to 5 ''t Hooft Novo
    """
    return "'" + text if text[:1] in (*FORMULA_STARTS, "'") else text


def csv_text(text: str) -> str:
    """A CSV cell's text as written before :func:`csv_safe`: one ``'`` before a formula's first character
    or before another ``'`` is taken off; any other text (``'t Hooft`` typed by hand) is left as it is.

    >>> csv_text("'=1+1"), csv_text("''t Hooft"), csv_text("'t Hooft"), csv_text("-5")
    ('=1+1', "'t Hooft", "'t Hooft", '-5')
    """
    return text[1:] if text[:1] == "'" and text[1:2] in (*FORMULA_STARTS, "'") and len(text) > 1 else text
