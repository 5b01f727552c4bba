"""./scripts/test's own set-up: the options it gives pytest do what the suite relies on.

It starts one worker more than the machine has cores. Tests marked `xdist_group` (the build
refusals, the moved-site links) share a build made once in their module; they must run in one
worker, or another worker builds it again or waits idle for it. pytest 9.2 silently undid
pytest-xdist 3.8's grouping (pytest-xdist#1386): this runs the options of ./scripts/test on a few
grouped tests in a project of their own and reads which worker ran each.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

from scripts import docs

GROUPED_MODULE = textwrap.dedent("""\
    import pytest

    pytestmark = pytest.mark.xdist_group("one-build")

    @pytest.mark.parametrize("case", range(4))
    def test_case(case):
        pass
    """)


def test_grouped_tests_run_in_one_worker(tmp_path):
    for name in ("test_first.py", "test_second.py"):
        (tmp_path / name).write_text(GROUPED_MODULE, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    options = docs.pytest_options(quick=False, extra=[])
    assert "-n" in options and "loadgroup" in options, options
    options[options.index("-n") + 1] = "2"  # two workers, whatever this machine has
    done = subprocess.run([sys.executable, "-m", "pytest", *options, "-v", "-p", "no:cacheprovider"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    workers = {test: worker for worker, test in re.findall(r"^\[(gw\d+)\] .*PASSED (\S+)", done.stdout, re.M)}
    assert len(workers) == 8, done.stdout
    assert len(set(workers.values())) == 1, f"the group was split between workers: {workers}"


def test_one_worker_more_than_the_cores():
    assert [docs.worker_count(cores) for cores in (None, 1, 2, 4, 16)] == [2, 2, 3, 5, 5]
    assert "-n" not in docs.pytest_options(quick=False, extra=["-n", "0"])
