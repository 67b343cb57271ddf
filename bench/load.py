"""Load scenario against the shipped production server (issue 16): ``make load``.

A fresh demo province (``load_demo``) in a SQLite file of its own under ``data/bench/load``,
eight more focal officers (one per department, each drafting the report of the period open on
the day, which their department has not sent), then
gunicorn started from ``deploy/gunicorn.conf.py`` on a free loopback port, DEBUG off, with the
job runner (``run_huey``) beside it, and 20 simulated users, each a thread with its own session:

- 8 officers autosave their report of the period open on the day every second (what the page's
  script sends) and save it with the button every sixth time, reloading the page;
- 4 coordinators open the completeness of 2025-H1, the synthesis and the summary;
- 4 leaders open the home page, the PAR Index home and the ranking of departments;
- 4 users open the task list, its second page and a unit's tasks.

Phase 1 runs ``--seconds`` (default 60). Phase 2 runs as long again while a coordinator
uploads a plan of 20.000 rows through the page (a background job; the page is polled until
the plan is there). For each page it reports the server-side p50/p95/max from the server's own
timing (the ``Server-Timing`` header that cchc.middleware sets around each request), the
number of requests and of errors (5xx, unexpected statuses, timeouts), and counts
"database is locked" in the responses and in the server's log. Bounded: every loop ends at a
deadline, every request has a timeout, only 127.0.0.1 is contacted.

``python bench/load.py [--seconds 60] [--reuse]``: --reuse keeps the database built by a
previous run (the officers' reports keep their text; the imported plan gets a new code).
Results: printed, and written to data/bench/load/results.json.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "data" / "bench" / "load"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
PASSWORD = "cchc@demo2025"
PERIOD = "2025-H1"
PLAN_ROWS = 20_000

SETUP = """
import django
django.setup()
from cchc.accounts.models import Membership, Role, User
from cchc.audit.log import Actor
from cchc.orgs.models import Unit
from django.utils import timezone
from cchc.reporting.actions import start_report
from cchc.reporting.models import ADHOC_KIND, Period, Report, Status

# The officers draft their department's report of the period open today (the demo is built
# relative to the day), among the departments that have not sent it.
today = timezone.localdate()
period = (
    Period.objects.filter(start__lte=today).exclude(kind=ADHOC_KIND).order_by("-due_date").first()
)
departments = Unit.objects.filter(code__startswith="QNG-S").exclude(code="QNG-STP")
sent = set(
    Report.objects.filter(period=period)
    .exclude(status__in=(Status.DRAFT, Status.RETURNED))
    .values_list("unit_id", flat=True)
)
units = [
    unit
    for unit in departments.order_by("code")
    if unit.is_active_on(period.end) and unit.pk not in sent
][:8]
for n, unit in enumerate(units, start=1):
    user, _ = User.objects.get_or_create(username=f"bench-cv-{n}")
    user.set_password("%(password)s")
    user.save()
    Membership.objects.get_or_create(user=user, unit=unit, role=Role.OFFICER)
    if not Report.objects.filter(period=period, unit=unit).exists():
        start_report(Actor.of_user(user), period, unit)
    print(user.username, unit.code, period.code)
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def environment(port: int) -> dict[str, str]:
    values = dict(os.environ)
    key_file = WORK / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
    values.update(
        DJANGO_DEBUG="0",
        SECRET_KEY_FILE=str(key_file),
        DATABASE_URL=f"sqlite:///{WORK / 'cchc.sqlite3'}",
        JOBS_DB=str(WORK / "jobs.sqlite3"),
        MEDIA_ROOT=str(WORK / "media"),
        STATIC_ROOT=str(WORK / "static"),
        BACKUP_DIR="",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        PYTHONPATH=str(REPO),
        DJANGO_SETTINGS_MODULE="cchc.settings",
        LOG_LEVEL="WARNING",  # the request lines would dominate the log; errors stay
    )
    return values


def manage(env: dict[str, str], *arguments: str) -> str:
    completed = subprocess.run(
        [PYTHON, "manage.py", *arguments],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return completed.stdout


def build(env: dict[str, str], reuse: bool) -> list[tuple[str, str, str]]:
    """The demo province, and the eight officers with their units and period."""
    database = WORK / "cchc.sqlite3"
    if not (reuse and database.exists()):
        for stale in WORK.glob("*.sqlite3*"):
            stale.unlink()
        print("Dựng tỉnh mẫu (migrate, load_demo)…", flush=True)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput", "-v0")
    completed = subprocess.run(
        [PYTHON, "-c", SETUP % {"password": PASSWORD}],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return [
        (user, unit, period) for user, unit, period in map(str.split, completed.stdout.splitlines())
    ]


def plan_file(units: list[str]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(
        ["stt", "noi_dung", "don_vi_chu_tri", "don_vi_phoi_hop", "han_hoan_thanh", "san_pham",
         "van_ban_giao"]
    )  # fmt: skip
    for n in range(1, PLAN_ROWS + 1):
        sheet.append(
            [str(n), f"Nhiệm vụ thử tải số {n}: rà soát thủ tục hành chính",
             units[n % len(units)], "", "31/12/2026", "Báo cáo kết quả", ""]
        )  # fmt: skip
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- the simulated users ----------------------------------------------------------------------
@dataclass
class Sample:
    page: str
    phase: str
    status: int
    server_ms: float | None
    client_ms: float
    locked: bool


@dataclass
class Recorder:
    phase: str = "1"
    samples: list[Sample] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)


_TIMING = re.compile(r"app;dur=([0-9.]+)")
_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Session:
    """One user's browser: cookies, the CSRF token, requests recorded by page."""

    def __init__(self, port: int, recorder: Recorder) -> None:
        self.port = port
        self.recorder = recorder
        self.cookies: dict[str, str] = {}
        self.token = ""

    def request(
        self,
        page: str,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        expect: tuple[int, ...] = (200, 302),
    ) -> tuple[int, dict[str, str], str]:
        all_headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        all_headers.update(headers or {})
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", errors="replace")
            status = response.status
            response_headers = {k.lower(): v for k, v in response.getheaders()}
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    cookie = value.split(";", 1)[0]
                    key, _, content = cookie.partition("=")
                    self.cookies[key.strip()] = content.strip()
        except (OSError, http.client.HTTPException):
            status, response_headers, text = 0, {}, ""
        finally:
            connection.close()
        elapsed = (time.perf_counter() - started) * 1000
        timing = _TIMING.search(response_headers.get("server-timing", ""))
        if page:
            self.recorder.add(
                Sample(
                    page,
                    self.recorder.phase,
                    status if status in expect else -status or -1,
                    float(timing.group(1)) if timing else None,
                    elapsed,
                    "database is locked" in text,
                )
            )
        if match := _TOKEN.search(text):
            self.token = match.group(1)
        return status, response_headers, text

    def get(self, page: str, path: str) -> str:
        return self.request(page, "GET", path)[2]

    def post(
        self,
        page: str,
        path: str,
        fields: list[tuple[str, str]],
        extra_headers: dict[str, str] | None = None,
        expect: tuple[int, ...] = (200, 302),
    ) -> tuple[int, dict[str, str], str]:
        body = urllib.parse.urlencode([("csrfmiddlewaretoken", self.token), *fields]).encode()
        headers: dict[str, str] = {"Content-Type": "application/x-www-form-urlencoded"}
        headers.update(extra_headers or {})
        return self.request(page, "POST", path, body, headers, expect)

    def sign_in(self, username: str) -> None:
        self.get("", "/dang-nhap/")
        status, _, page = self.post(
            "", "/dang-nhap/", [("username", username), ("password", PASSWORD)]
        )
        if status != 302:
            errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</', page, re.S)
            raise RuntimeError(f"{username} could not sign in: {status} {errors}")


_FIELD = re.compile(r'<input[^>]*name="(value-[^"]+)"[^>]*value="([^"]*)"')
_TEXT = re.compile(r'<textarea[^>]*name="(narrative-[^"]+)"[^>]*>(.*?)</textarea>', re.S)
_VERSION = re.compile(r'name="version" value="(\d+)"')


def officer(session: Session, unit: str, period: str, deadline: float) -> None:
    base = f"/bao-cao/{period}/{unit}/"
    page = session.get("report page", base)
    version = _VERSION.search(page)
    fields = _FIELD.findall(page)
    texts = [(name, text) for name, text in _TEXT.findall(page)]
    if version is None or not texts:
        raise RuntimeError(f"no editable report for {unit}")
    current = version.group(1)
    count = 0
    while time.monotonic() < deadline:
        count += 1
        narrative = [(texts[0][0], f"Đơn vị đã triển khai kế hoạch; cập nhật lần {count}.")]
        data = [("version", current), *narrative, *texts[1:], *fields]
        if count % 6 == 0:
            session.post("report save", base + "luu/", data)
            page = session.get("report page", base)
            if match := _VERSION.search(page):
                current = match.group(1)
        else:
            status, _, body = session.post(
                "autosave",
                base + "tu-dong-luu/",
                data,
                {"Accept": "application/json", "X-Requested-With": "XMLHttpRequest"},
                expect=(200,),
            )
            if status == 200:
                current = str(json.loads(body)["version"])
        time.sleep(1.0)


def browse(session: Session, pages: list[tuple[str, str]], deadline: float) -> None:
    while time.monotonic() < deadline:
        for label, path in pages:
            if time.monotonic() >= deadline:
                return
            session.get(label, path)
            time.sleep(random.uniform(0.3, 0.8))


COORDINATOR_PAGES = [
    ("completeness", f"/bao-cao/{PERIOD}/"),
    ("synthesis", f"/tong-hop/so-lieu/?ky={PERIOD}"),
    ("summary", "/tong-hop/"),
]
LEADER_PAGES = [
    ("home", "/"),
    ("par home", "/chi-so-cchc/"),
    ("ranking", "/chi-so-cchc/2025/so-nganh/xep-hang/"),
]
TASK_PAGES = [
    ("task list", "/nhiem-vu/"),
    ("task list p2", "/nhiem-vu/?trang=2"),
    ("unit tasks", "/nhiem-vu/don-vi/QNG-STP/"),
]


def run_phase(port: int, recorder: Recorder, officers: list[tuple[str, str, str]], seconds: float,
              during: threading.Thread | None = None) -> None:  # fmt: skip
    deadline = time.monotonic() + seconds
    threads = []
    for username, unit, period in officers:
        session = Session(port, recorder)
        session.sign_in(username)
        threads.append(threading.Thread(target=officer, args=(session, unit, period, deadline)))
    for username, pages, count in (
        ("dieuphoi", COORDINATOR_PAGES, 4),
        ("lanhdao", LEADER_PAGES, 4),
        ("chuyenvien", TASK_PAGES, 2),
        ("dieuphoi", TASK_PAGES, 2),
    ):
        for _ in range(count):
            session = Session(port, recorder)
            session.sign_in(username)
            threads.append(threading.Thread(target=browse, args=(session, pages, deadline)))
    if during is not None:
        threads.append(during)
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 300)


def import_plan(
    port: int, recorder: Recorder, data: bytes, code: str, result: dict[str, float]
) -> None:
    session = Session(port, recorder)
    session.sign_in("dieuphoi")
    session.get("plan import page", "/ke-hoach/nhap/")
    boundary = "----cchcbench" + secrets.token_hex(8)
    parts = []
    for name, value in (
        ("csrfmiddlewaretoken", session.token),
        ("code", code),
        ("title", "Kế hoạch thử tải 20.000 nhiệm vụ"),
        ("document", "999/QĐ-UBND ngày 02/01/2026"),
    ):
        disposition = f'Content-Disposition: form-data; name="{name}"'
        parts.append(f"--{boundary}\r\n{disposition}\r\n\r\n{value}\r\n".encode())
    disposition = 'Content-Disposition: form-data; name="file"; filename="ke-hoach.xlsx"'
    parts.append(
        f"--{boundary}\r\n{disposition}\r\nContent-Type: application/octet-stream\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    started = time.monotonic()
    status, headers, _ = session.request(
        "plan import upload",
        "POST",
        "/ke-hoach/nhap/",
        b"".join(parts),
        {"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    location = headers.get("location", "")
    if status != 302 or "/ke-hoach/nhap/" not in location:
        result["failed"] = 1
        return
    for _ in range(200):  # at most 200 × 1,5 s
        page = session.get("plan import status", location)
        if "Đã nhập xong" in page or "Không nhập được" in page:
            result["seconds"] = time.monotonic() - started
            result["done"] = 1 if "Đã nhập xong" in page else 0
            return
        time.sleep(1.5)


def report(
    recorder: Recorder, log_locked: int, import_result: dict[str, float]
) -> dict[str, object]:
    by_page: dict[tuple[str, str], list[Sample]] = defaultdict(list)
    for sample in recorder.samples:
        by_page[(sample.phase, sample.page)].append(sample)
    rows = []
    for (phase, page), samples in sorted(by_page.items()):
        timings = sorted(s.server_ms for s in samples if s.server_ms is not None)
        rows.append(
            {
                "phase": phase,
                "page": page,
                "requests": len(samples),
                "errors": sum(1 for s in samples if s.status < 0),
                "locked": sum(1 for s in samples if s.locked),
                "p50_ms": round(statistics.median(timings), 1) if timings else None,
                "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 1) if timings else None,
                "max_ms": round(timings[-1], 1) if timings else None,
            }
        )
    print(f"\n{'pha':<4}{'trang':<22}{'số yêu cầu':>11}{'lỗi':>6}{'locked':>8}"
          f"{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")  # fmt: skip
    for row in rows:
        print(
            f"{row['phase']:<4}{row['page']:<22}{row['requests']:>11}{row['errors']:>6}"
            f"{row['locked']:>8}{row['p50_ms']!s:>9}{row['p95_ms']!s:>9}{row['max_ms']!s:>9}"
        )
    print(f"\n'database is locked' trong nhật ký máy chủ: {log_locked}")
    print(f"Nhập kế hoạch {PLAN_ROWS} dòng: {import_result}")
    return {"rows": rows, "log_locked": log_locked, "import": import_result,
            "cpus": os.cpu_count()}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--reuse", action="store_true")
    arguments = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = environment(port)
    officers = build(env, arguments.reuse)
    assert len(officers) == 8, officers
    units = ["QNG-STP", "QNG-SNV", "QNG-STC", "QNG-SYT", "QNG-SGDDT", "QNG-SCT"]
    data = plan_file(units)
    log_path = WORK / "server.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [GUNICORN, "-c", "deploy/gunicorn.conf.py", "cchc.wsgi"],
            cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        jobs = subprocess.Popen(
            [PYTHON, "manage.py", "run_huey", "--quiet"],
            cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            for _ in range(200):  # until the server answers, at most a minute
                if Session(port, Recorder()).request("", "GET", "/dang-nhap/")[0]:
                    break
                time.sleep(0.3)
            recorder = Recorder()
            print(f"Pha 1: {arguments.seconds:.0f} s, 20 người dùng…", flush=True)
            run_phase(port, recorder, officers, arguments.seconds)
            recorder.phase = "2"
            result: dict[str, float] = {}
            importer = threading.Thread(
                target=import_plan,
                args=(port, recorder, data, f"KH-TAI-{secrets.token_hex(3)}", result),
            )
            print(f"Pha 2: {arguments.seconds:.0f} s, 20 người dùng và nhập kế hoạch…", flush=True)
            run_phase(port, recorder, officers, arguments.seconds, during=importer)
            importer.join(timeout=300)
        finally:
            server.terminate()
            jobs.terminate()
            server.wait(timeout=60)
            jobs.wait(timeout=60)
    log_locked = log_path.read_text(errors="replace").count("database is locked")
    results = report(recorder, log_locked, result)
    (WORK / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
