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


from hypothesis import HealthCheck, settings  # noqa: E402
import os  # noqa: E402

settings.register_profile("ci", max_examples=25, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                 HealthCheck.function_scoped_fixture])
settings.register_profile("long", max_examples=5000, deadline=None,
                          suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
