"""Parse throughput of the document parser (cchc.ingest): ``make bench``.

Fixed data, no randomness: the three real sample reports (15–30 KB of text each), read as
.txt; the same texts laid out as a .docx (one paragraph per line, built with python-docx) and
as a PDF with a text layer (built by cchc.ingest.tests.builders, 11 pt lines, 50 per page).
Each round parses the three documents; reports per second = 3 / time of a round. The PDF rounds
include the child process that reads each PDF under resource limits (its start-up dominates).

Run the plain script (``python bench/test_bench_ingest.py``) for medians without pytest, in
wall-clock time and in CPU time of this process (on a shared machine the CPU time is the
meaningful one; for PDF it leaves out the child process).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from cchc.ingest import parse_file, parse_text  # noqa: E402
from cchc.ingest.evaluate import samples_dir  # noqa: E402
from cchc.ingest.references import clear_caches  # noqa: E402
from cchc.ingest.tests.builders import build_docx, build_pdf  # noqa: E402

NAMES = (
    "bao-cao-snv-hoi-nhap-6-thang-2023.txt",
    "bao-cao-sngv-cchc-9-thang-2020.txt",
    "bao-cao-vp-ubnd-chuong-trinh-9-thang-2022.txt",
)


def sample_paths() -> list[Path]:
    directory = samples_dir()
    paths = [directory / name for name in NAMES]
    if not all(path.is_file() for path in paths):
        pytest.skip(f"sample reports not found in {directory} (set CCHC_SAMPLES_DIR)")
    return paths


def make_docx(text: str, path: Path) -> Path:
    blocks = [{"p": line} for line in text.split("\n") if line.strip()]
    return build_docx({"blocks": blocks}, path)


def make_pdf(text: str, path: Path) -> Path:
    lines = [
        piece
        for line in text.split("\n")
        if line.strip()
        for piece in textwrap.wrap(line, 95) or [""]
    ]
    pages = [
        [[60, 800 - 15 * row, line] for row, line in enumerate(lines[start : start + 50])]
        for start in range(0, len(lines), 50)
    ]
    return build_pdf({"pages": pages}, path)


@pytest.fixture(autouse=True, scope="module")
def _only_when_benchmarking(request: pytest.FixtureRequest) -> None:
    """Keep ``make test`` (plain pytest over the repository) fast: these run with make bench."""
    if not request.config.getoption("benchmark_only", default=False):
        pytest.skip("benchmark: run with `make bench` (pytest bench --benchmark-only)")


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sample_paths()]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, texts: list[str]) -> dict[str, list[Path]]:
    directory = tmp_path_factory.mktemp("bench")
    return {
        "docx": [make_docx(text, directory / f"{i}.docx") for i, text in enumerate(texts)],
        "pdf": [make_pdf(text, directory / f"{i}.pdf") for i, text in enumerate(texts)],
    }


def _per_second(benchmark: Any) -> None:
    median = benchmark.stats.stats.median
    benchmark.extra_info["reports_per_second"] = round(len(NAMES) / median, 1)


def test_bench_parse_text_of_the_samples(benchmark: Any, texts: list[str]) -> None:
    """parse_text on the three samples (symbols already seen: the parser's cache is warm)."""
    benchmark(lambda: [parse_text(text).to_dict() for text in texts])
    _per_second(benchmark)


def test_bench_parse_text_with_cold_caches(benchmark: Any, texts: list[str]) -> None:
    """As above, but every symbol is parsed anew by the register's parser each round."""

    def run() -> None:
        clear_caches()
        for text in texts:
            parse_text(text).to_dict()

    benchmark(run)
    _per_second(benchmark)


def test_bench_parse_file_txt(benchmark: Any) -> None:
    """parse_file on the .txt files: read, decode, parse, JSON form."""
    paths = sample_paths()
    benchmark(lambda: [parse_file(path) for path in paths])
    _per_second(benchmark)


def test_bench_parse_file_docx(benchmark: Any, built: dict[str, list[Path]]) -> None:
    """parse_file on the samples as .docx (zip checks, python-docx, parse)."""
    benchmark(lambda: [parse_file(path) for path in built["docx"]])
    _per_second(benchmark)


def test_bench_parse_file_pdf(benchmark: Any, built: dict[str, list[Path]]) -> None:
    """parse_file on the samples as PDF, including the child process per file."""
    benchmark.pedantic(lambda: [parse_file(path) for path in built["pdf"]], rounds=5, iterations=1)
    _per_second(benchmark)


def _medians(run: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of a round (CPU time counts only this process)."""
    wall, cpu = [], []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    paths = sample_paths()
    texts = [path.read_text(encoding="utf-8") for path in paths]
    with tempfile.TemporaryDirectory() as folder:
        docx = [make_docx(text, Path(folder) / f"{i}.docx") for i, text in enumerate(texts)]
        pdf = [make_pdf(text, Path(folder) / f"{i}.pdf") for i, text in enumerate(texts)]

        def cold() -> None:
            clear_caches()
            for text in texts:
                parse_text(text).to_dict()

        cases: list[tuple[str, Callable[[], object], int]] = [
            ("parse_text (warm)", lambda: [parse_text(t).to_dict() for t in texts], 300),
            ("parse_text (cold caches)", cold, 100),
            (".txt parse_file", lambda: [parse_file(p) for p in paths], 300),
            (".docx parse_file", lambda: [parse_file(p) for p in docx], 30),
            (".pdf parse_file", lambda: [parse_file(p) for p in pdf], 5),
        ]
        print(f"{'':<26} {'wall clock':>24} {'CPU of this process':>30}")
        for name, run, rounds in cases:
            run()
            wall, cpu = _medians(run, rounds)
            print(
                f"{name:<26} {1000 * wall / 3:8.2f} ms {3 / wall:8.1f}/s"
                f"   {1000 * cpu / 3:8.2f} ms {3 / cpu:8.1f}/s (child excluded)"
                if name.startswith(".pdf")
                else f"{name:<26} {1000 * wall / 3:8.2f} ms {3 / wall:8.1f}/s"
                f"   {1000 * cpu / 3:8.2f} ms {3 / cpu:8.1f}/s"
            )


if __name__ == "__main__":
    main()
