"""The stub and the generated TypedDicts cannot lie: mypy accepts typed use and refuses wrong
use, line by line; the generated types are up to date with docs/schema."""

import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).parent
ROOT = HERE.parents[2]


def mypy(path):
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--strict", "--no-error-summary", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_typed_use_passes():
    out = mypy(HERE / "typing/good.py")
    assert out.returncode == 0, out.stdout


def test_wrong_use_fails_on_every_marked_line():
    out = mypy(HERE / "typing/bad.py")
    lines = (HERE / "typing/bad.py").read_text().splitlines()
    marked = {i + 1 for i, line in enumerate(lines) if "# error" in line}
    found = {int(line.split(":")[1]) for line in out.stdout.splitlines() if ": error:" in line}
    assert marked <= found, out.stdout


def test_generated_types_are_up_to_date():
    out = subprocess.run([sys.executable, str(ROOT / "scripts/gen-types"), "--check"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
