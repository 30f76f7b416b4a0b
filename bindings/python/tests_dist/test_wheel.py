"""The published Python artefacts, as a user gets them: the wheel and sdist that scripts/dist
wrote into dist/, installed into a fresh virtual environment with nothing else (no repository
on the path), running the examples of the package README (bindings/python/README.md, the
PyPI page).

Run by scripts/test after scripts/dist; alone: ``scripts/dist && .venv/bin/python -m pytest
bindings/python/tests_dist``.
"""

import re
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
DIST = ROOT / "dist"
README = ROOT / "bindings" / "python" / "README.md"


def _one(pattern):
    found = sorted(DIST.glob(pattern))
    assert len(found) == 1, f"expected one {pattern} in dist/ (run scripts/dist), found {found}"
    return found[0]


@pytest.fixture(scope="module")
def wheel():
    return _one("pyovergang-*.whl")


@pytest.fixture(scope="module")
def env(wheel, tmp_path_factory):
    """A fresh venv with the wheel (and its pandas extra) installed from dist/."""
    where = tmp_path_factory.mktemp("wheel-venv")
    venv.EnvBuilder(with_pip=True).create(where / "venv")
    python = where / "venv" / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--disable-pip-version-check", f"{wheel}[pandas]"],
        check=True,
    )
    return python, where


def run(python, cwd, *args):
    return subprocess.run([python, *args], cwd=cwd, capture_output=True, text=True)


def test_the_wheel_is_abi3_for_manylinux2014(wheel):
    assert re.fullmatch(r"pyovergang-\d+\.\d+\.\d+-cp39-abi3-manylinux2014_x86_64\.manylinux_2_17_x86_64\.whl", wheel.name), wheel.name


def test_the_extension_needs_no_glibc_newer_than_2_17(wheel, tmp_path):
    with zipfile.ZipFile(wheel) as z:
        (so,) = [n for n in z.namelist() if n.endswith(".so")]
        z.extract(so, tmp_path)
    symbols = subprocess.run(["objdump", "-T", tmp_path / so], capture_output=True, text=True, check=True).stdout
    versions = {tuple(int(x) for x in v.split(".")) for v in re.findall(r"GLIBC_(\d+(?:\.\d+)+)", symbols)}
    assert versions, "no versioned glibc symbols found: objdump output changed?"
    assert max(versions) <= (2, 17), f"needs glibc {max(versions)}"


def test_the_wheel_metadata_has_readme_licence_and_urls(wheel):
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        (meta,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        text = z.read(meta).decode()
    assert "Name: pyovergang\n" in text
    assert "License: MIT OR Apache-2.0" in text
    assert "Project-URL: Source, https://" in text
    assert "Description-Content-Type: text/markdown" in text
    assert "pip install pyovergang" in text  # the README is the long description
    assert "example.invalid" not in text
    assert any(n.endswith("licenses/LICENSE-MIT") for n in names)
    assert any(n.endswith("licenses/LICENSE-APACHE") for n in names)
    assert "overgang/py.typed" in names and "overgang/_overgang/__init__.pyi" in names
    assert "overgang/_overgang/cti.pyi" in names  # the native submodules have their stubs


def test_the_sdist_has_what_a_build_needs():
    sdist = _one("pyovergang-*.tar.gz")
    with tarfile.open(sdist) as t:
        names = {n.split("/", 1)[1] for n in t.getnames() if "/" in n}
    for needed in [
        "pyproject.toml",
        "PKG-INFO",
        "Cargo.lock",
        "crates/overgang/src/lib.rs",
        "bindings/python/src/lib.rs",
        "python/overgang/__init__.py",
        "bindings/python/README.md",
    ]:
        assert needed in names, f"{needed} missing from {sdist.name}"


def test_the_installed_package_comes_from_the_wheel(env):
    python, where = env
    r = run(python, where, "-c", "import overgang, importlib.metadata as m; print(overgang.__file__); print(m.version('pyovergang'))")
    assert r.returncode == 0, r.stderr
    file, version = r.stdout.split()
    assert file.startswith(str(where / "venv")), file
    assert str(ROOT) not in file
    r = run(python, where, "-c", "import overgang; print(overgang.__version__)")
    assert r.stdout.strip() == version


def test_the_readme_examples_run(env):
    python, where = env
    copy = where / "README.md"
    copy.write_text(README.read_text())
    r = run(python, where, "-m", "doctest", "-v", copy.name)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]
    passed = re.search(r"(\d+) passed and 0 failed", r.stdout)
    assert passed and int(passed.group(1)) >= 10, r.stdout[-2000:]


def test_a_failing_readme_example_would_fail(env):
    """The doctest run above can fail: a wrong expected value is reported."""
    python, where = env
    bad = where / "bad.md"
    bad.write_text("```python\n>>> import overgang\n>>> overgang.score_who5([3, 4, 2, 3, 4]).index\n65\n\n```\n")
    r = run(python, where, "-m", "doctest", bad.name)
    assert r.returncode != 0


def test_the_pandas_hint_names_the_distribution(env):
    python, where = env
    r = run(python, where, "-c", "import overgang.pandas as p, inspect; print(inspect.getsource(p))")
    assert "pip install pyovergang[pandas]" in r.stdout
    assert "pip install overgang" not in r.stdout


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q"]))
