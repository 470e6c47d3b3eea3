"""``python -m symbiosis.cli``: the same as the ``symbiosis`` command."""

from symbiosis.cli import main

main()
