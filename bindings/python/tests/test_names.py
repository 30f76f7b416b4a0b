"""One name per concept: the package exports exactly the names of tests/api_names.json, and
each has the same name in JavaScript, casing aside."""

import inspect
import json
import pathlib
import re

import overgang
import overgang.pandas

NAMES = json.loads((pathlib.Path(__file__).parents[3] / "tests/api_names.json").read_text())
SUBMODULES = ["cti", "ten_step", "outcomes", "outreach", "participant", "pandas"]


def exported():
    names = {n for n in overgang.__all__ if not inspect.ismodule(getattr(overgang, n))}
    for sub in SUBMODULES:
        module = getattr(overgang, sub)
        names |= {f"{sub}.{n}" for n in module.__all__}
    return names


def camel(name):
    return re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), name)


def test_python_exports_exactly_the_listed_names():
    listed = {c["python"] for c in NAMES["concepts"]} | set(NAMES["python_only"])
    assert exported() == listed


def test_javascript_name_is_the_python_name_in_camel_case():
    for c in NAMES["concepts"]:
        if "shape" in c:
            continue
        full, leaf = c["python"].replace(".", "_"), c["python"].split(".")[-1]
        assert c["js"] == [camel(full)] or c["js"] == [camel(leaf)], c


def test_every_name_is_documented_in_docs_api_md():
    page = (pathlib.Path(__file__).parents[3] / "docs/api.md").read_text()
    for c in NAMES["concepts"]:
        assert f"`overgang.{c['python']}`" in page, c
        for js in c["js"]:
            assert f"`{js}`" in page, js


def test_submodules_are_native_and_names_are_not_aliases():
    import importlib

    for sub in ["cti", "ten_step", "outcomes", "outreach", "participant"]:
        native = importlib.import_module(f"overgang._overgang.{sub}")
        package = getattr(overgang, sub)
        for name in dir(native):
            if name.startswith("_"):
                continue
            obj = getattr(native, name)
            assert getattr(package, name) is obj, (sub, name)
            assert getattr(obj, "__name__", name) == name, (sub, name)
