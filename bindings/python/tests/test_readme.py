"""The repository README's Python examples run as written, from the repository root."""

import doctest
import pathlib

ROOT = pathlib.Path(__file__).parents[3]


def test_the_readme_python_examples_run_as_written(monkeypatch):
    monkeypatch.chdir(ROOT)
    failures, tried = doctest.testfile(str(ROOT / "README.md"), module_relative=False, verbose=False)
    assert tried >= 15 and failures == 0
