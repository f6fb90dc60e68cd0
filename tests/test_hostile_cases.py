"""Every case of the hostile-input catalogue (tests/hostile_cases.py): its exit code, the words
the user sees, and what must hold afterwards. docs/felkatalog.md is written from the same runs."""

import pytest

from hostile_cases import CASES, message, run_case


@pytest.mark.parametrize("case", CASES, ids=[c.make.__name__ + str(i) for i, c in enumerate(CASES)])
def test_hostile_case(case, tmp_path):
    code, output = run_case(case, tmp_path)
    assert "Traceback" not in output and "Internt fel" not in output, output
    assert code == case.exit, output
    if case.needle:
        assert message(output, case.needle, tmp_path), output
    if case.process and "HOME" in (case.env or {}):
        assert "atplotlib" not in output, output  # no English warnings from matplotlib
    if case.tty:
        assert "\x1b[" not in output, repr(output)
    if case.check:
        case.check(tmp_path)
