import pytest

from helpers import read_sample, write_csv_folder
from pk_report.pipeline import load


@pytest.fixture(scope="session")
def sample_tables():
    return read_sample()


@pytest.fixture(scope="session")
def sample():
    return load(None).dataset


@pytest.fixture
def csv_copy(tmp_path, sample_tables):
    return write_csv_folder(tmp_path / "data", sample_tables)
