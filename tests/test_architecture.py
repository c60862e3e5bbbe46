"""The apps depend one way: arena ← participants ← measures.

`arena` is the base (the event, its set-up, access, shared form and text helpers); it imports
neither of the others. `participants` builds on it and never imports `measures`. `measures`, the
top, may import both. The foreign keys force this order: Participant points at arena.Arena and
arena.Group, measures point at Participant and Organisation. Every import counts, also those
inside functions, and so do lazy model references ("app.Model" strings in models.py or in a
models/ package).
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("arena", "participants", "measures")  # lower first
# The project's entry points live in the `arena` package (the required layout) but sit above
# every app: the ASGI application routes to the editor's stream in `measures`.
ENTRY_POINTS = {"arena/asgi.py"}
_MODEL_REFERENCE = re.compile(r"^(\w+)\.[A-Z]\w*$")


def _imported_apps(tree):
    """(line, app) for every import of one of our apps anywhere in the module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.split(".")[0]


def _model_references(tree):
    """(line, app) for every "app.Model" string, the way ForeignKey and ManyToManyField name
    a model of another app without importing it."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            match = _MODEL_REFERENCE.match(node.value)
            if match:
                yield node.lineno, match[1]


def upward_imports(root):
    """Every import (or lazy model reference) from a lower app to a higher one under `root`,
    as "path:line: app imports other" strings; migrations are generated and excluded."""
    found = []
    for rank, app in enumerate(LAYERS):
        higher = set(LAYERS[rank + 1 :])
        for path in sorted((root / app).rglob("*.py")):
            relative = path.relative_to(root)
            if "migrations" in relative.parts or relative.as_posix() in ENTRY_POINTS:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            references = list(_imported_apps(tree))
            if path.name == "models.py" or "models" in relative.parts:
                references += list(_model_references(tree))
            found += [
                f"{relative}:{line}: {app} imports {other}"
                for line, other in references
                if other in higher
            ]
    return found


def test_apps_import_only_downwards():
    assert upward_imports(ROOT) == []


def test_every_app_is_checked():
    for app in LAYERS:
        assert list((ROOT / app).rglob("*.py")), app


def test_an_upward_import_is_named_with_file_and_line(tmp_path):
    (tmp_path / "arena").mkdir()
    (tmp_path / "participants").mkdir()
    (tmp_path / "measures").mkdir()
    (tmp_path / "arena" / "services.py").write_text(
        "from arena.models import Arena\n\n\ndef f():\n    from measures.models import Measure\n"
    )
    (tmp_path / "participants" / "forms.py").write_text("import measures.forms\n")
    (tmp_path / "participants" / "models.py").write_text('fk = "measures.Measure"\n')
    (tmp_path / "measures" / "views.py").write_text("from participants.models import X\n")
    migrations = tmp_path / "arena" / "migrations"
    migrations.mkdir()
    (migrations / "0001_initial.py").write_text("import measures\n")
    assert upward_imports(tmp_path) == [
        "arena/services.py:5: arena imports measures",
        "participants/forms.py:1: participants imports measures",
        "participants/models.py:1: participants imports measures",
    ]


MODULE_LINES = 400
VIEW_LINES = 30


def _our_modules():
    for app in LAYERS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_every_module_stays_short():
    """Modules by audience and job (style.md): none over 400 lines, data modules included."""
    long = {
        str(path.relative_to(ROOT)): lines
        for path in _our_modules()
        if (lines := len(path.read_text().splitlines())) > MODULE_LINES
    }
    assert long == {}


def test_every_view_stays_thin():
    """A view (a function whose first argument is `request`) reads the request, asks
    arena/access.py, calls a service and answers, in 30 lines or fewer."""
    long = {}
    for path in _our_modules():
        for node in ast.walk(ast.parse(path.read_text())):
            is_view = isinstance(node, ast.FunctionDef) and node.args.args[:1]
            if is_view and node.args.args[0].arg == "request":
                lines = node.end_lineno - node.lineno + 1
                if lines > VIEW_LINES:
                    long[f"{path.relative_to(ROOT)}:{node.name}"] = lines
    assert long == {}
