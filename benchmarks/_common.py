"""What every measurement shares: the repository, the floor notebook, units and progress lines."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # tests.browser._lab lives under the repository root
    sys.path.insert(0, str(REPO))
MIB = 1024 * 1024

FLOOR_CELLS = [
    "import ipywidgets as w\nimport plotly.graph_objects as go",
    "go.Figure(go.Scatter(x=[1991, 2006, 2007], y=[1, 3, 2]))",
    # the same classes as a lesson's item, so the latency probe reads both the same way
    """opts = w.RadioButtons(options=["a", "b", "c", "d"], value=None)
check, feedback, n = w.Button(description="Check"), w.HTML(), [0]


def on_check(_):
    n[0] += 1
    verdict = "right" if opts.value == "b" else "wrong"
    feedback.value = f'<span class="tmd-verdict-{verdict}">{verdict} #{n[0]}</span>'


check.on_click(on_check)
for widget, cls in ((opts, "tmd-options"), (check, "tmd-check"), (feedback, "tmd-feedback")):
    widget.add_class(cls)
box = w.VBox([opts, check, feedback])
box.add_class("tmd-item")
box""",
]


def floor_notebook(path: Path, code: int = len(FLOOR_CELLS), markdown: int = 0) -> Path:
    """Write the floor (plotly + ipywidgets, one figure, one widget) padded to as many code and
    Markdown cells as the lesson it stands beside: one short line each."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    padding = [f"step = {i}" for i in range(max(0, code - len(FLOOR_CELLS)))]
    nb.cells = [nbformat.v4.new_code_cell(src) for src in FLOOR_CELLS + padding]
    nb.cells += [nbformat.v4.new_markdown_cell(f"Text {i}.") for i in range(markdown)]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def mib(nbytes: float) -> float:
    return round(nbytes / MIB, 1)


def ratio(ours: float | None, floor: float | None) -> float | None:
    return round(ours / floor, 2) if ours and floor else None


def step(what: str) -> None:
    """Say on stderr what is being measured now, with the time."""
    print(f"[{time.strftime('%H:%M:%S')}] {what}", file=sys.stderr, flush=True)


class Context:
    """One bench run: the served root, the lessons, a scratch folder and the problems seen."""

    def __init__(self, base: Path, lessons: list, tmp: Path, args) -> None:
        self.base, self.lessons, self.tmp, self.args = base, lessons, tmp, args
        self.served = base / "artifacts" / "bench"  # floors JupyterLab opens sit under its root
        self.problems: list[str] = []

    def floor(self, code: int = len(FLOOR_CELLS), markdown: int = 0, where: Path | None = None):
        """Return a floor notebook of this shape (written once per shape and folder)."""
        path = (where or self.tmp) / f"floor-{code}-{markdown}.ipynb"
        return path if path.exists() else floor_notebook(path, code, markdown)

    def floor_like(self, notebook: Path, where: Path | None = None) -> Path:
        """Return the floor with as many code and Markdown cells as this notebook."""
        return self.floor(*shape(notebook), where)


def shape(notebook: Path) -> tuple[int, int]:
    """Return (code cells, Markdown cells) of a notebook; a floor has at least its own three."""
    cells = nbformat.read(notebook, as_version=4).cells
    code = sum(c.cell_type == "code" for c in cells)
    return max(code, len(FLOOR_CELLS)), len(cells) - code
