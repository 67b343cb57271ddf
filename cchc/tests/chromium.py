"""Headless Chromium driven through the DevTools protocol over a pipe, for browser tests.

No driver and no package: Chromium started with ``--remote-debugging-pipe`` reads commands on
its file descriptor 3 and writes replies and events on 4, each a JSON message ended by a NUL
byte. Tests that use it are marked ``browser`` and skip where Chromium is not installed.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from typing import Any

CHROMIUM = "/usr/bin/chromium"
TIMEOUT = 15.0


class BrowserError(RuntimeError):
    pass


def _high(fd: int) -> int:
    """The descriptor moved to a number above 9."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return moved


class Chromium:
    """One headless browser with one page (a tab) to drive."""

    def __init__(self, binary: str = CHROMIUM) -> None:
        self._profile = tempfile.mkdtemp(prefix="cchc-chromium-")
        commands_read, commands_write = os.pipe()
        replies_read, replies_write = os.pipe()
        # Out of the way of 3 and 4, so that moving one there cannot overwrite the other.
        commands_read, replies_write = _high(commands_read), _high(replies_write)
        browser = [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--remote-debugging-pipe",
            f"--user-data-dir={self._profile}",
            "about:blank",
        ]
        # A small Python step makes the two pipe ends the browser's descriptors 3 and 4.
        trampoline = (
            "import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); "
            "os.execv(sys.argv[3], sys.argv[3:])"
        )
        self._process = subprocess.Popen(
            [sys.executable, "-c", trampoline, str(commands_read), str(replies_write), *browser],
            pass_fds=(commands_read, replies_write),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(commands_read)
        os.close(replies_write)
        self._commands = commands_write
        self._replies = replies_read
        self._buffer = b""
        self._last_id = 0
        self._session = ""
        target = self.command("Target.createTarget", {"url": "about:blank"}, page=False)
        attached = self.command(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}, page=False
        )
        self._session = attached["sessionId"]

    def command(
        self, method: str, params: dict[str, Any] | None = None, *, page: bool = True
    ) -> dict[str, Any]:
        """Send a command (to the page, or to the browser) and return its result."""
        self._last_id += 1
        message: dict[str, Any] = {"id": self._last_id, "method": method, "params": params or {}}
        if page:
            message["sessionId"] = self._session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._last_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result

    def _read(self) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._replies], [], [], left)[0]:
                raise BrowserError("Chromium did not answer in time")
            chunk = os.read(self._replies, 1 << 16)
            if not chunk:
                raise BrowserError("Chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        parsed: dict[str, Any] = json.loads(message)
        return parsed

    def set_cookie(self, url: str, name: str, value: str) -> None:
        self.command(
            "Storage.setCookies",
            {"cookies": [{"name": name, "value": value, "url": url}]},
            page=False,
        )

    def open(self, url: str) -> None:
        self.command("Page.navigate", {"url": url})
        self.wait_for("document.readyState === 'complete' && location.href === " + json.dumps(url))

    def reload(self) -> None:
        self.evaluate("window.__cchcOldPage = true")
        self.command("Page.reload")
        self.wait_for("!window.__cchcOldPage && document.readyState === 'complete'")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises are awaited)."""
        result = self.command(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = TIMEOUT) -> Any:
        """The expression's value once it is true. While a form's submission loads the next
        page the document may have no body yet: an error then is waited out too, until the
        timeout."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                value = self.evaluate(expression)
            except BrowserError:
                if time.monotonic() > deadline:
                    raise
                value = None
            if value:
                return value
            if time.monotonic() > deadline:
                raise BrowserError(f"still false after {timeout} s: {expression}")
            time.sleep(0.1)

    def type_into(self, selector: str, text: str, *, replace: bool = False) -> None:
        """Focus the element and type ``text`` at the end of its value (or over it), as a
        user would."""
        select = "e.select()" if replace else "e.setSelectionRange(e.value.length, e.value.length)"
        self.evaluate(
            f"(e => {{ e.focus(); {select}; }})(document.querySelector({json.dumps(selector)}))"
        )
        self.command("Input.insertText", {"text": text})

    def close(self) -> None:
        # The browser closes the pipe rather than answer.
        with contextlib.suppress(BrowserError):
            self.command("Browser.close", page=False)
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._commands)
        os.close(self._replies)
        shutil.rmtree(self._profile, ignore_errors=True)
