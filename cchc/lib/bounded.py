"""Running a parser in a child process that cannot hurt the site (plain Python, no Django).

Every file a user gives (.docx, .xlsx, .pdf, text) is parsed by ``run_bounded``: ``python -m
MODULE ARGS`` in a child process with an address-space limit (RLIMIT_AS), a CPU-time limit, no
file writes and a wall-clock timeout, all below the web server's timeout (deploy/gunicorn.conf.py),
so that a hostile or broken file costs at most one child, never a web worker or the job runner.
The child prints one JSON value on stdout; nothing else of cchc is trusted to it.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Bounds:
    """What one parse may use. The defaults fit a 20 MB report on a 2-core server and keep
    (with the upload limit of files per request) a request well below gunicorn's timeout."""

    memory_bytes: int = 768 * 1024 * 1024
    cpu_seconds: float = 12.0
    wall_seconds: float = 12.0


class BoundExceeded(Exception):
    """The child ran out of time or memory, or died; ``reason`` is "time", "memory" or
    "crashed"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _limits(bounds: Bounds) -> Callable[[], None]:
    def apply() -> None:
        import resource

        def lower(limit: int, value: int) -> None:
            _, hard = resource.getrlimit(limit)
            if hard != resource.RLIM_INFINITY:
                value = min(value, hard)  # a child of a bounded child stays inside its parent's
            resource.setrlimit(limit, (value, value))

        lower(resource.RLIMIT_AS, bounds.memory_bytes)
        lower(resource.RLIMIT_CPU, max(1, int(bounds.cpu_seconds + 0.999)))
        lower(resource.RLIMIT_FSIZE, 0)
        lower(resource.RLIMIT_CORE, 0)

    return apply


def run_bounded(module: str, args: Sequence[str], bounds: Bounds = Bounds()) -> object:
    """The JSON value ``python -m module *args`` prints; BoundExceeded when a limit stopped it
    or it printed no JSON (killed by the memory limit, crashed)."""
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        part for part in (str(_REPO_ROOT), environment.get("PYTHONPATH", "")) if part
    )
    # Python's own allocator arenas and threads stay small in the child.
    environment["OMP_NUM_THREADS"] = "1"
    # Its own process group: a timeout stops the child and whatever it started (the PDF reader
    # of a parse), not the child alone.
    try:
        process = subprocess.Popen(
            [sys.executable, "-X", "utf8", "-m", module, *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=environment,
            preexec_fn=_limits(bounds),
            start_new_session=True,
        )
    except OSError:
        raise BoundExceeded("crashed") from None
    try:
        stdout, stderr = process.communicate(timeout=bounds.wall_seconds)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise BoundExceeded("time") from None
    except BaseException:
        _kill_group(process)
        raise
    completed = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
    try:
        return json.loads(completed.stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        pass
    if b"MemoryError" in completed.stderr:
        raise BoundExceeded("memory")
    if completed.returncode < 0:  # SIGXCPU at the CPU limit, SIGKILL
        raise BoundExceeded("time")
    raise BoundExceeded("crashed")


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
