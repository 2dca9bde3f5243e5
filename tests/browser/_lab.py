"""The browser tests' toolkit in one import: server, browser, watch, page driving, lesson
parsing and axe live in their own modules; this re-exports their names for `from ._lab import`."""

from ._axe import AXE, run_axe
from ._browser import BROWSER_ARGS, CHROMIUM, LOOPBACK, SKIP_LINE, is_loopback, launch_browser
from ._notebooks import (
    TRANSLATED_SAMPLE,
    Lesson,
    code_sources,
    expected_figures,
    expected_items,
    fragments,
    lessons,
    quiz_calls,
    ui_message,
)
from ._page import open_notebook, run_all, screenshot, settle_outputs, tall, unrun_cells
from ._server import (
    LAB_SETTINGS,
    REPO,
    SHIPPED_CONFIG,
    LabServer,
    api,
    artifacts,
    free_port,
    root,
    shutdown_kernels,
)
from ._watch import ALLOWED_NOISE, Noise, Watch, kernel_message, kernel_problem, take_all

__all__ = [
    "ALLOWED_NOISE", "AXE", "BROWSER_ARGS", "CHROMIUM", "LAB_SETTINGS", "LOOPBACK", "REPO",
    "SHIPPED_CONFIG", "SKIP_LINE", "TRANSLATED_SAMPLE", "LabServer", "Lesson", "Noise", "Watch",
    "api", "artifacts", "code_sources", "expected_figures", "expected_items", "fragments",
    "free_port", "is_loopback", "kernel_message", "kernel_problem", "launch_browser", "lessons",
    "open_notebook", "quiz_calls", "root", "run_all", "run_axe", "screenshot", "settle_outputs",
    "shutdown_kernels", "take_all", "tall", "ui_message", "unrun_cells",
]  # fmt: skip
