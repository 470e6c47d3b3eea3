"""Where the tests find their files, wherever a test module sits."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"
TINY = FIXTURES / "tiny.yaml"
