import os
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from factory import make_tables, write_package  # noqa: E402

# Votes cast by tests go to a temp folder, never into the working copy's .data/.
os.environ.setdefault("VOTING_DATA_DIR", tempfile.mkdtemp(prefix="atlas-votes-"))


@pytest.fixture
def tiny_tables():
    return make_tables(seed=1)


@pytest.fixture
def tiny_dir(tmp_path, tiny_tables):
    return write_package(tiny_tables, tmp_path / "pkg")


@pytest.fixture
def tiny_package(tiny_dir):
    from study.package import load_package

    return load_package(tiny_dir)
