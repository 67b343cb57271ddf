"""What every app's tests share, loaded as a pytest plugin by the root conftest.py.

- ``Clients`` and ``client_for``: a test client signed in as a given user.
- ``queries_of``: how many queries a page reads (for the list pages' query-count tests).
- ``browser``: a page of headless Chromium, driven through the DevTools protocol (``Chromium``);
  one browser per test process, a fresh browser context (cookies, storage) for every test.
- ``demo``: the demo province (``load_demo``) loaded once per test process, in a transaction
  rolled back when the last test that needs it is done. The tests that ask for it run together
  at the end of the run (with pytest-xdist, all on one worker), so that no other test sees it;
  each runs in a savepoint inside it, as usual, so what one changes is undone.
- Files the tests store go to a directory of the run, never to data/media.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Generator, Iterator, Mapping
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoDbBlocker

from cchc.accounts.models import User

Clients = Callable[[User], Client]
FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"


@pytest.fixture
def client_for() -> Clients:
    """A test client signed in as the given user."""

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


def queries_of(client: Client, url: str, params: Mapping[str, str] | None = None) -> int:
    """The number of queries the page at ``url`` reads; it must answer 200."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


@pytest.fixture(autouse=True, scope="session")
def media_of_the_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Stored files go to a directory of this test process (each pytest-xdist worker has its
    own); tests that look at what was stored set one of their own."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@contextlib.contextmanager
def kept_for_module(blocker: DjangoDbBlocker) -> Iterator[None]:
    """For a module fixture that builds data once for its tests: a transaction rolled back
    after the module's last test (each test runs in a savepoint inside it, as usual, so what
    one changes is undone), with the tests' fast password hasher."""
    fast = override_settings(PASSWORD_HASHERS=[FAST_HASHER])
    with blocker.unblock(), fast, transaction.atomic():
        yield
        transaction.set_rollback(True)


# The demo province, once per test process.

DEMO = "demo_database"


class SharedDemo:
    """The demo loaded in a transaction that is the outermost one while it is open."""

    def __init__(self) -> None:
        self.output = ""
        self._open: tuple[transaction.Atomic, DjangoDbBlocker] | None = None

    @property
    def is_open(self) -> bool:
        return self._open is not None

    def open(self, blocker: DjangoDbBlocker) -> str:
        if self._open is not None:
            return self.output
        with blocker.unblock():
            if connection.in_atomic_block:
                raise RuntimeError(
                    "the shared demo must be the outermost transaction: a fixture that opens "
                    f"one for a test using the demo must depend on {DEMO}"
                )
            atomic = transaction.atomic()
            atomic.__enter__()
            self._open = (atomic, blocker)
            out = io.StringIO()
            # The tests' fast hasher (the root conftest's), not set up yet at this scope.
            with override_settings(PASSWORD_HASHERS=[FAST_HASHER]):
                call_command("load_demo", stdout=out)
        self.output = out.getvalue()
        return self.output

    def close(self) -> None:
        if self._open is None:
            return
        (atomic, blocker), self._open = self._open, None
        with blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


_demo = SharedDemo()


def uses_demo(item: pytest.Item | None) -> bool:
    return item is not None and DEMO in getattr(item, "fixturenames", ())


@pytest.fixture(scope="session")
def demo_session(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[SharedDemo]:
    yield _demo
    # Closed here when the run ends with a test that uses it (before the test database goes).
    _demo.close()


@pytest.fixture(scope="module")
def demo_database(demo_session: SharedDemo, django_db_blocker: DjangoDbBlocker) -> str:
    """The demo loaded (once for the test process); the output of ``load_demo``. A module
    fixture that builds on the demo in a transaction of its own depends on this one."""
    return demo_session.open(django_db_blocker)


@pytest.fixture
def demo(demo_database: str, db: None) -> str:
    """The demo province, as ``load_demo`` loads it; the command's output."""
    if not _demo.is_open:
        raise RuntimeError("the shared demo was closed before this test: see cchc/testing.py")
    return demo_database


class DemoLast:
    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(
        self, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        """The tests on the demo run together, last (after every other reordering), module by
        module (their module fixtures are built once). A pytest-xdist worker also tells the
        scheduler which they are (see DemoOnOneWorker)."""
        on_demo = [item for item in items if uses_demo(item)]
        first: dict[str, int] = {}
        for n, item in enumerate(on_demo):
            first.setdefault(str(item.path), n)
        on_demo.sort(key=lambda item: first[str(item.path)])
        items[:] = [item for item in items if not uses_demo(item)] + on_demo
        told = getattr(config, "workerinput", {}).get(DEMO_TESTS)
        if told:
            with open(f"{told}.{os.getpid()}", "w", encoding="utf-8") as file:
                json.dump([item.nodeid for item in on_demo], file)
            os.replace(f"{told}.{os.getpid()}", told)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None]:
    """The demo's transaction is rolled back after the last test of a run of tests on it
    (after the test's own fixtures and, if the next test is in another module, the module's;
    at the end of the session, by demo_session)."""
    try:
        yield
    finally:
        if _demo.is_open and nextitem is not None and not uses_demo(nextitem):
            _demo.close()


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(DemoLast(), "cchc-demo-last")
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(DemoOnOneWorker(), "cchc-demo-on-one-worker")


DEMO_TESTS = "cchc_demo_tests"


def demo_tests_file() -> str:
    """Where the workers write the names of the tests on the demo, for the main process."""
    return os.path.join(tempfile.gettempdir(), f"cchc-demo-tests-{os.getpid()}.json")


class DemoOnOneWorker:
    """With --dist loadgroup, pytest-xdist gives each worker whole test files (their module
    fixtures are built once) and all the tests on the demo to one worker (loaded once); the
    files with the most tests first. The scheduler runs in the main process, which collects
    nothing: the workers write the demo's tests to a file for it (pytest-xdist's own
    ``xdist_group`` marks no longer reach the scheduler under pytest 9)."""

    def pytest_configure_node(self, node: Any) -> None:
        node.workerinput[DEMO_TESTS] = demo_tests_file()

    def pytest_xdist_make_scheduler(self, config: pytest.Config, log: Any) -> Any:
        if config.getvalue("dist") != "loadgroup":
            return None
        from xdist.scheduler import LoadScopeScheduling

        class FilesAndDemo(LoadScopeScheduling):
            demo_tests: frozenset[str] = frozenset()

            def schedule(self) -> None:
                if self.collection is None and self.collection_is_completed:
                    told = demo_tests_file()
                    with open(told, encoding="utf-8") as file:
                        self.demo_tests = frozenset(json.load(file))
                    os.remove(told)
                super().schedule()

            def _split_scope(self, nodeid: str) -> str:
                return "demo" if nodeid in self.demo_tests else nodeid.split("::", 1)[0]

        return FilesAndDemo(config, log)


# Headless Chromium.

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
    """One headless browser; ``new_page`` opens a page to drive in a browser context of its
    own (no cookies or storage of the page before), ``close_page`` discards it."""

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
        self._context = ""

    def new_page(self) -> None:
        self._context = self.command("Target.createBrowserContext", page=False)["browserContextId"]
        target = self.command(
            "Target.createTarget",
            {"url": "about:blank", "browserContextId": self._context},
            page=False,
        )
        attached = self.command(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}, page=False
        )
        self._session = attached["sessionId"]

    def close_page(self) -> None:
        self.command(
            "Target.disposeBrowserContext", {"browserContextId": self._context}, page=False
        )
        self._session = self._context = ""

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
            {
                "cookies": [{"name": name, "value": value, "url": url}],
                "browserContextId": self._context,
            },
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


@pytest.fixture(scope="session")
def chromium() -> Iterator[Chromium]:
    """The test process's headless Chromium, started when a test first needs it."""
    browser = Chromium()
    yield browser
    browser.close()


@pytest.fixture
def browser(chromium: Chromium) -> Iterator[Chromium]:
    """A fresh page of the browser, in a browser context of its own."""
    chromium.new_page()
    yield chromium
    chromium.close_page()
