"""Red team: every exported callable of the package fed the hostile values of issue 20.

The exports come from ``tests/api_names.json`` (the list the naming tests check against the
module), so a new export is covered without touching this file. Each callable gets every
hostile value in every parameter (the others left at a plausible value), in all parameters at
once, and in every option keyword; methods of the classes are called the same way on a
sample instance. A call may return, or raise ``overgang.ValidationError`` or ``TypeError``:
never a ``PanicException``, an ``OverflowError``, a ``RecursionError``, a ``MemoryError`` or
any other exception, never an abort. Each export runs in a child process, so an abort or a
hang fails the test that names it instead of killing the run.
"""

import inspect
import itertools
import json
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
NAMES = json.loads((ROOT / "tests" / "api_names.json").read_text(encoding="utf-8"))
EXPORTS = sorted({c["python"] for c in NAMES["concepts"]} | set(NAMES["python_only"]))
OPTION_KEYS = ["as_of", "min_cell", "min_wave", "intervention_bins", "offered", "bins_exclude",
               "wave_gap_days", "target", "format", "lang", "by_municipality", "columns", "on_error",
               "project", "encoding"]


class Boom(Exception):
    """Raised by the hostile objects' own methods."""


class Throwing:
    """An object whose every protocol method raises."""

    def __len__(self):
        raise Boom("len")

    def __iter__(self):
        raise Boom("iter")

    def __getitem__(self, key):
        raise Boom("getitem")

    def __getattr__(self, name):
        raise Boom("getattr")

    def __index__(self):
        raise Boom("index")

    def __float__(self):
        raise Boom("float")

    def __str__(self):
        raise Boom("str")


class HugeSequence:
    """A sequence that says it holds 2**62 elements and fails on every element."""

    def __len__(self):
        return 2**62

    def __getitem__(self, i):
        raise Boom("element")


class ThrowingDict(dict):
    """A dict whose items cannot be read."""

    def items(self):
        raise Boom("items")

    def keys(self):
        raise Boom("keys")

    def __getitem__(self, key):
        raise Boom("getitem")


def hostile_values():
    """The values of issue 20, by name (built lazily: some are large)."""
    deep_list = []
    for _ in range(100_000):
        deep_list = [deep_list]
    deep_dict = {}
    for _ in range(100_000):
        deep_dict = {"a": deep_dict}
    cyclic = []
    cyclic.append(cyclic)
    yield "range(2**62)", range(2**62)
    yield "range(10**8)", range(10**8)
    yield "huge __len__", HugeSequence()
    yield "endless iterator", itertools.count()
    yield "NaN", float("nan")
    yield "inf", float("inf")
    yield "-inf", float("-inf")
    yield "1e308", 1e308
    yield "-1e308", -1e308
    yield "-1", -1
    yield "2**63", 2**63
    yield "2**64", 2**64
    yield "-(2**63)-1", -(2**63) - 1
    yield "10**400", 10**400
    yield "True", True
    yield "None", None
    yield "huge string", "x" * 10_000_000
    yield "NUL", "\x00"
    yield "NUL inside", "a\x00b"
    yield "surrogate", "\ud800"
    yield "CPR", "010190-1234"
    yield "bytes", b"\x00\xff\xfe"
    yield "huge bytes", b"x" * 10_000_000
    yield "deep list", deep_list
    yield "deep dict", deep_dict
    yield "cyclic list", cyclic
    yield "wrong type", object()
    yield "a type", int
    yield "a function", len
    yield "complex", 1j
    yield "set", {1, 2}
    yield "throwing object", Throwing()
    yield "throwing dict", ThrowingDict(a=1)
    yield "list of NaN", [float("nan")] * 5
    yield "list of huge ints", [2**70] * 5
    yield "dict of hostile", {"\x00": float("nan"), "010190-1234": 2**63}


# Plausible values for parameters by name, so that one hostile argument is tried with the
# others valid enough to reach it.
PLAUSIBLE = {
    "answers": [3, 3, 3, 3, 3],
    "before": 40,
    "after": 60,
    "index": 52,
    "key": "k" * 32,
    "local_id": "A-1",
    "prefix": "P",
    "id": "A-1",
    "kind": "genders",
    "lang": "da",
    "age": 30,
    "doc": "{}",
    "document": "{}",
    "participants": 5,
    "seed": 1,
    "code": 101,
    "report": None,
    "columns": None,
}


def resolve(module, name):
    obj = module
    for part in name.split("."):
        if part == "pandas" and obj is module:
            import importlib

            obj = importlib.import_module("overgang.pandas")
        else:
            obj = getattr(obj, part)
    return obj


def parameters(fn):
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return [], False
    params = [p for p in sig.parameters.values() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    var_kw = any(p.kind == p.VAR_KEYWORD for p in sig.parameters.values())
    return params, var_kw


# Functions that take file paths: a path that cannot be read is an OSError, as with open().
PATH_FUNCTIONS = ("Cohort.from_csv(", "Cohort.from_file(", "Cohort.report_file(", "Cohort.report_csv(")


def known_open(label, e):
    """The one finding of this test left open (issue 20, reported): `Cohort.from_csv`,
    `Cohort.from_file`, `Cohort.report_file`, `Cohort.report_csv` and `Cohort.from_frames` take their text and path parameters as `str`/`PathBuf` in the native
    signature, so a lone surrogate is refused by pyo3's conversion with `UnicodeEncodeError`
    (a ValueError) before the library sees it, instead of a ValidationError."""
    return label.startswith(PATH_FUNCTIONS + ("Cohort.from_frames(",)) and isinstance(e, UnicodeEncodeError)


def attempt(label, fn, args, kwargs, allowed, failures):
    try:
        fn(*args, **kwargs)
    except BaseException as e:  # noqa: BLE001 - a PanicException is a BaseException
        # A path that cannot be read is an OSError, as with open().
        paths = label.startswith(PATH_FUNCTIONS) and isinstance(e, OSError)
        if not isinstance(e, allowed) and not paths and not known_open(label, e):
            failures.append(f"{label}: {type(e).__module__}.{type(e).__name__}: {str(e)[:200]}")
            return
        text = str(e)
        for v in list(args) + list(kwargs.values()):
            if isinstance(v, str) and len(v) >= 8 and v in text:
                failures.append(f"{label}: the value given is repeated in the message")


def calls(fn, label, values, failures, allowed):
    params, var_kw = parameters(fn)
    for vname, v in values:
        # every parameter at once, then each alone
        attempt(f"{label}(all={vname})", fn, [v] * max(1, len(params)), {}, allowed, failures)
        for i, p in enumerate(params):
            args = [PLAUSIBLE.get(q.name) for q in params]
            args[i] = v
            attempt(f"{label}({p.name}={vname})", fn, args, {}, allowed, failures)
        if var_kw or any(p.default is not inspect.Parameter.empty for p in params):
            names = {p.name for p in params}
            for key in OPTION_KEYS if var_kw else [p.name for p in params if p.default is not inspect.Parameter.empty]:
                if key in names and var_kw:
                    continue
                base = [PLAUSIBLE.get(q.name) for q in params if q.default is inspect.Parameter.empty]
                attempt(f"{label}({key}={vname})", fn, base, {key: v}, allowed, failures)


def battery(name):
    """Runs every hostile call on one export; prints the failures (the child process)."""
    import resource

    import overgang

    # A conversion that materialises 2**62 elements must fail here, not take the machine down.
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
    # The caller's own exception (a getter that raises) may pass through unchanged.
    allowed = (overgang.ValidationError, TypeError, Boom)
    values = list(hostile_values())
    target = resolve(overgang, name)
    failures = []
    if inspect.isclass(target) and issubclass(target, BaseException):
        pass  # the error classes themselves
    elif inspect.isclass(target) and issubclass(target, (dict, tuple)):
        pass  # data shapes (TypedDict, NamedTuple), not functions
    elif inspect.isclass(target):
        calls(target, name, values, failures, allowed)
        sample = {"Cohort": lambda: overgang.Cohort.generate(8, seed=1),
                  "cti.Course": lambda: overgang.cti.Course("2024-01-01", "2024-02-01")}.get(name)
        instance = sample() if sample else None
        for attr, member in inspect.getmembers(target):
            if attr.startswith("_"):
                continue
            raw = inspect.getattr_static(target, attr)
            if isinstance(raw, (staticmethod, classmethod)) or inspect.isbuiltin(member):
                calls(member, f"{name}.{attr}", values, failures, allowed)
            elif callable(member) and instance is not None:
                calls(getattr(instance, attr), f"{name}().{attr}", values, failures, allowed)
    elif callable(target):
        calls(target, name, values, failures, allowed)
    # the module still works afterwards
    assert overgang.score_who5([3, 3, 3, 3, 3]).index == 60
    print(json.dumps(failures))


@pytest.mark.parametrize("name", EXPORTS)
def test_hostile_values_raise_only_the_library_errors(name):
    here = pathlib.Path(__file__).resolve().parent
    env = dict(os.environ, PYTHONPATH=str(here) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run(
        [sys.executable, "-c", f"import test_red_team as t; t.battery({name!r})"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert proc.returncode == 0, f"{name}: the process ended with {proc.returncode}: {proc.stderr[-2000:]}"
    failures = json.loads(proc.stdout.strip().splitlines()[-1])
    assert not failures, f"{name}: " + "\n".join(failures[:30])


def test_every_export_is_tried():
    """The list is read from api_names.json and is not empty (a typo there cannot hide one)."""
    import overgang

    assert len(EXPORTS) > 40
    for name in EXPORTS:
        resolve(overgang, name)
