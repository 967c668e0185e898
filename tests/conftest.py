"""Shared fixtures: the tiny package (fresh tables and folder per test) and the read-only session packages."""

import os
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from factory import evidence_tables, hard_tables, make_tables, write_package  # noqa: E402

# Votes cast by tests go to a temp folder, never into the working copy's .data/.
os.environ.setdefault("VOTING_DATA_DIR", tempfile.mkdtemp(prefix="atlas-votes-"))


def _load_written(folder: Path):
    from study.package import load_package

    return load_package(folder)


def _load(tables, folder: Path):
    from study.package import load_package

    return load_package(write_package(tables, folder))


@pytest.fixture
def tiny_tables():
    """Fresh tables of the tiny package: a test may change them."""
    return make_tables(seed=1)


@pytest.fixture
def package_dir(tmp_path, monkeypatch):
    """The package the app runs on in a page test (STUDY_DATA): 4 municipalities × 10 actors, 30 statements each;
    types t3 and t4 have 2 actors per municipality. A module may define its own."""
    folder = write_package(make_tables(seed=0, n_municipalities=4, actors_per=10, statements_per=30), tmp_path / "p")
    monkeypatch.setenv("STUDY_DATA", str(folder))
    return folder


@pytest.fixture
def package(package_dir):
    return _load_written(package_dir)


@pytest.fixture
def tiny_dir(tmp_path, tiny_tables):
    """The tiny package written into the test's own folder: a test may change its files."""
    return write_package(tiny_tables, tmp_path / "pkg")


# Loaded once per session and shared: tests must not change these packages.
@pytest.fixture(scope="session")
def tiny_package(tmp_path_factory):
    return _load(make_tables(seed=1), tmp_path_factory.mktemp("tiny") / "pkg")


@pytest.fixture(scope="session")
def evidence_package(tmp_path_factory):
    return _load(evidence_tables(), tmp_path_factory.mktemp("evidence") / "pkg")


@pytest.fixture(scope="session")
def hard_package(tmp_path_factory):
    return _load(hard_tables(), tmp_path_factory.mktemp("hard") / "pkg")


@pytest.fixture(scope="session")
def demo_package():
    """The bundled demonstration package (data/study)."""
    from study.package import data_path, load_package

    return load_package(data_path())


def pytest_collection_modifyitems(config, items):
    """The heavy tests first (stable otherwise): under ``--dist load`` they start at once on different workers,
    instead of one of them starting last and keeping its worker busy after all others are done."""
    items.sort(key=lambda item: item.get_closest_marker("heavy") is None)
