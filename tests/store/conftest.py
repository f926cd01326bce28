import importlib.util
from pathlib import Path

import pytest

_path = Path(__file__).parents[1] / "export" / "pakistan_iran.py"
_spec = importlib.util.spec_from_file_location("pakistan_iran_fixture", _path)
pakistan_iran = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pakistan_iran)


@pytest.fixture
def example():
    """(article, result) for the Pakistan/Iran strikes excerpt."""
    return pakistan_iran.article(), pakistan_iran.result()
