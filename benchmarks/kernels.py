"""Run notebooks in fresh kernels: memory (RSS, PSS, USS), figure sizes and widget models."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import nbformat
import psutil
from _common import mib, ratio, step
from nbclient import NotebookClient

from tests.browser import _lab

PLOTLY = "application/vnd.plotly.v1+json"
WIDGET = "jupyter.widget"
# Run after the lesson's own cells: how many widget models the kernel holds at the end.
_COUNT = (
    "import ipywidgets as _w, warnings as _ws\n"
    "with _ws.catch_warnings():\n"
    "    _ws.simplefilter('ignore')\n"
    "    print('TMD-WIDGETS', len(_w.Widget.widgets))"
)


def plotly_specs(node: object):
    """Yield every Plotly figure spec in a message, however deeply a widget's state nests it."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == PLOTLY:
                yield value
            else:
                yield from plotly_specs(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from plotly_specs(value)


def figure_kind(spec: dict) -> str:
    """Name a figure by what it is: the membership map has a slider, the timeline a date axis."""
    layout = spec.get("layout", {})
    if layout.get("sliders"):
        return "map"
    if layout.get("xaxis", {}).get("type") == "date":
        return "timeline"
    return "figure"


def kib(spec: dict, ascii: bool = False) -> float:
    """Return the figure's size as the kernel sends it: UTF-8 JSON, as jupyter_client packs
    messages and nbformat saves outputs (ascii=True: with every non-ASCII letter a \\u escape,
    as this bench counted until 2026-11)."""
    text = json.dumps(spec, separators=(",", ":"), ensure_ascii=ascii)
    return round(len(text.encode()) / 1024, 1)


class Probe(NotebookClient):
    """A NotebookClient that notes every figure the kernel sends (as cell output, or inside an
    Output widget's state, as tmdkit does) and every widget model it opens."""

    def process_message(self, msg, cell, cell_index):
        content = msg.get("content") or {}
        if msg.get("msg_type") == "comm_open" and content.get("target_name") == WIDGET:
            self.comms += 1
        for spec in plotly_specs(content):
            size = kib(spec)
            if (cell_index, size) not in [(c, s) for c, s, *_ in self.figures]:  # sent twice
                self.figures.append((cell_index, size, figure_kind(spec), kib(spec, ascii=True)))
        return super().process_message(msg, cell, cell_index)


def memory(pid: int) -> dict:
    """Return RSS and, where Linux tells them, PSS (shared pages split between their users)
    and USS (pages no other process has), in MiB."""
    proc = psutil.Process(pid)
    try:
        full = proc.memory_full_info()
    except (psutil.AccessDenied, AttributeError):
        return {"rss_mib": mib(proc.memory_info().rss)}
    out = {"rss_mib": mib(full.rss), "uss_mib": mib(full.uss)}
    if getattr(full, "pss", None):
        out["pss_mib"] = mib(full.pss)
    return out


class Hold:
    """Keeps finished classroom kernels alive until the last one finished, then lets go."""

    def __init__(self) -> None:
        self.arrived: list[dict] = []
        self.release = asyncio.Event()


async def run_kernel(
    notebook: Path, hold: Hold | None = None, name: str | None = None, env: dict | None = None
) -> dict:
    """Run a notebook in a fresh kernel and measure it at the end. nbclient owns the kernel
    manager, so it stops the kernel and its client however the run ends."""
    nb = nbformat.read(notebook, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(_COUNT))
    client = Probe(nb, kernel_name="python3", timeout=300, startup_timeout=120,
                   allow_errors=True, extra_arguments=["--IPKernelApp.log_level=ERROR"],
                   resources={"metadata": {"path": str(notebook.parent)}})  # fmt: skip
    client.figures, client.comms = [], 0
    began = time.monotonic()
    async with client.async_setup_kernel(env=env) if env else client.async_setup_kernel():
        if client.km.transport != "tcp" or client.km.ip not in _lab.LOOPBACK:
            raise RuntimeError(f"kernel listens on {client.km.transport}://{client.km.ip}")
        ready = time.monotonic()
        for index, cell in enumerate(nb.cells[:-1]):
            await client.async_execute_cell(cell, index)
        seconds, cells = time.monotonic() - began, time.monotonic() - ready
        await client.async_execute_cell(nb.cells[-1], len(nb.cells) - 1)
        said = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
        widgets = int(said.split()[-1]) if "TMD-WIDGETS" in said else None
        pid = client.km.provisioner.process.pid
        result = {
            "lesson": name or notebook.stem,
            "pid": pid,
            "seconds": round(seconds, 2),  # kernel start included
            "cells_seconds": round(cells, 2),
            **memory(pid),
            "errors": sum(o.output_type == "error" for c in nb.cells for o in c.get("outputs", [])),
            "figures": client.figures,
            "widgets": widgets,
            "widget_models_opened": client.comms,
        }
        if hold is not None:
            hold.arrived.append(result)
            await hold.release.wait()
    return result


def figure_key(name: str, number: int, kind: str) -> str:
    """A key no other lesson's figure can take: the lesson as listed (ru-/en- kept), the
    figure's place in it and what it is."""
    return f"{name}#{number}:{kind}"


def measure(ctx) -> dict:
    """Each lesson in its own fresh kernel, then the floor: memory, figure sizes, widgets."""
    step("kernels: each lesson in a fresh kernel (memory, figures, widgets)")
    runs = [asyncio.run(run_kernel(lesson.notebook, name=lesson.name)) for lesson in ctx.lessons]
    floor = asyncio.run(run_kernel(ctx.floor(), name="floor"))
    worst = max(runs, key=lambda r: r["rss_mib"])
    by = lambda key: {r["lesson"]: r.get(key) for r in runs}  # noqa: E731
    res = {
        "kernel_rss_mib": worst["rss_mib"],
        "kernel_rss_floor_mib": floor["rss_mib"],
        "kernel_rss_mib_by_lesson": by("rss_mib"),
        "kernel_pss_mib_by_lesson": by("pss_mib"),
        "kernel_uss_mib_by_lesson": by("uss_mib"),
        "kernel_pss_floor_mib": floor.get("pss_mib"),
        "kernel_run_seconds_by_lesson": by("seconds"),
        "kernel_run_floor_seconds": floor["seconds"],
        "widgets_by_lesson": by("widgets"),
        "widget_models_opened_by_lesson": by("widget_models_opened"),
        "widgets_floor": floor["widgets"],
        "figure_json_kib": {
            figure_key(r["lesson"], i, kind): size
            for r in runs
            for i, (_cell, size, kind, _ascii) in enumerate(r["figures"], 1)
        },
        "figure_json_ascii_kib": {
            figure_key(r["lesson"], i, kind): size
            for r in runs
            for i, (_cell, _size, kind, size) in enumerate(r["figures"], 1)
        },
        "figure_json_floor_kib": floor["figures"][0][1] if floor["figures"] else None,
        "problems": [f"{r['lesson']}: {r['errors']} error outputs" for r in runs if r["errors"]],
    }
    res["kernel_rss_ratio"] = ratio(worst["rss_mib"], floor["rss_mib"])
    return res
