"""Every error a user can meet is a GwfwError, so the command line can catch that one class."""

import ast
import inspect

from gwfw import errors, paths
from gwfw.cli import main

# raised for programmers, not users: Python's attribute protocol on the package
NOT_FOR_USERS = {"AttributeError"}


def _raised_names() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(paths.PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                func = node.exc.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "?")
                where = f"{path.relative_to(paths.PACKAGE)}:{node.lineno}"
                found.setdefault(name, []).append(where)
    return found


def test_every_error_gwfw_raises_is_a_gwfw_error():
    defined = {
        name for name, cls in inspect.getmembers(errors, inspect.isclass) if issubclass(cls, errors.GwfwError)
    }
    raised = _raised_names()
    assert {"ReportError", "LexiconError", "ParameterError", "NotBuilt"} <= set(raised)
    strays = {name: where for name, where in raised.items() if name not in defined | NOT_FOR_USERS}
    assert not strays, f"raise a GwfwError subclass from gwfw.errors instead: {strays}"


def test_each_gwfw_error_keeps_its_builtin_base_for_older_callers():
    assert issubclass(errors.ReportError, ValueError) and issubclass(errors.NotBuilt, FileNotFoundError)
    assert issubclass(errors.BuildLocked, RuntimeError) and issubclass(errors.MissingPackage, ImportError)


def test_the_command_line_prints_a_gwfw_error_in_one_line(tmp_path, capsys):
    assert (
        main(["evaluate", "--gold", str(tmp_path / "gold.csv"), "--observations", str(tmp_path / "o.csv")])
        == 2
    )
    err = capsys.readouterr().err
    assert err.startswith("gwfw: ") and "gold.csv" in err and len(err.strip().splitlines()) == 1
