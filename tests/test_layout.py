"""The package's shape: imports run one way, modules stay small.

extract <- dataset <- compare <- report <- cli, with langdata, paths and errors underneath: a module
may import its own layer and the layers below it, never one above (a test-time check of what the
issue tracker calls the pipeline's direction; function-level imports count too).
"""

import ast

import pytest

from gwfw import paths

LAYERS = {"paths": 0, "errors": 0, "langdata": 1, "extract": 2, "dataset": 3, "compare": 4, "report": 5}
TOP = 6  # cli, __main__
MAX_LINES = 400


def _modules():
    for path in sorted(paths.PACKAGE.rglob("*.py")):
        rel = path.relative_to(paths.PACKAGE).with_suffix("")
        parts = [p for p in rel.parts if p != "__init__"]
        yield path, parts


def _layer(parts: list[str]) -> int | None:
    if not parts:
        return None  # gwfw/__init__.py: the facade researchers import, lazily, from every layer
    return LAYERS.get(parts[0], TOP)


def _is_module(parts: list[str]) -> bool:
    where = paths.PACKAGE.joinpath(*parts)
    return where.is_dir() or where.with_suffix(".py").is_file()


def _imported(path, parts) -> list[tuple[int, list[str]]]:
    """(line, gwfw-relative module parts) for every import of a gwfw module in the file."""
    package = parts if path.name == "__init__.py" else parts[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else list(package)
                target = base + (node.module.split(".") if node.module else [])
            elif node.module and node.module.split(".")[0] == "gwfw":
                target = node.module.split(".")[1:]
            else:
                continue
            if node.module is None:  # `from . import a, b`: modules, or names of the package (__version__)
                found += [
                    (node.lineno, target + [a.name] if _is_module(target + [a.name]) else target)
                    for a in node.names
                ]
            else:
                found.append((node.lineno, target))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name.split(".")[1:]) for a in node.names if a.name.startswith("gwfw.")]
    return found


def test_imports_run_one_way():
    wrong = []
    for path, parts in _modules():
        own = _layer(parts)  # None for the root
        if own is None:
            continue
        for line, target in _imported(path, parts):
            theirs = _layer(target)
            if theirs is not None and theirs > own:
                wrong.append(f"gwfw/{path.relative_to(paths.PACKAGE)}:{line} imports gwfw.{'.'.join(target)}")
    assert not wrong, "imports against extract <- dataset <- compare <- report <- cli:\n" + "\n".join(wrong)


def test_the_direction_check_sees_an_upward_import(tmp_path, monkeypatch):
    package = tmp_path / "gwfw"
    (package / "extract").mkdir(parents=True)
    (package / "extract" / "rows.py").write_text("from ..report import views\n", encoding="utf-8")
    monkeypatch.setattr(paths, "PACKAGE", package)
    with pytest.raises(AssertionError, match=r"extract/rows.py:1 imports gwfw.report"):
        test_imports_run_one_way()


def test_every_layer_is_a_known_folder():
    folders = {p.name for p in paths.PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert folders == {name for name in LAYERS if (paths.PACKAGE / name).is_dir()}


def test_no_module_over_400_lines():
    long = {
        str(path.relative_to(paths.PACKAGE)): n
        for path, _ in _modules()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"split these by what they do: {long}"


def test_tests_use_only_public_names():
    """A private name may change without notice: tests and benchmarks go through the public ones."""
    private = []
    for folder in ("tests", "benchmarks"):
        for path in sorted((paths.ROOT / folder).glob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("gwfw"):
                    names = [
                        a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")
                    ]
                    private += [f"{folder}/{path.name}:{node.lineno} {n}" for n in names]
    assert not private, private
