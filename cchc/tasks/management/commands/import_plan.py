from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cchc.audit.log import Actor
from cchc.documents.actions import DocumentError
from cchc.lib.vnformat import format_date
from cchc.tasks.actions import TaskError, import_plan
from cchc.tasks.importer import PlanImportError, parse_document_ref, read_plan_file


class Command(BaseCommand):
    help = (
        "Nhập một kế hoạch và các nhiệm vụ của nó từ tệp .xlsx hoặc từ bảng phụ lục của quyết "
        "định .docx (cột: STT, Nội dung nhiệm vụ, Cơ quan chủ trì, Cơ quan phối hợp, Thời gian "
        "hoàn thành, Sản phẩm, Văn bản giao, hoặc các mã stt, noi_dung, don_vi_chu_tri, …). "
        "Lỗi ở bất kỳ dòng nào thì không nhập gì."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, metavar="FILE.xlsx|FILE.docx")
        parser.add_argument("--code", required=True, help="mã kế hoạch, ví dụ KH-CCHC-2025")
        parser.add_argument("--title", required=True, help="tên kế hoạch")
        parser.add_argument(
            "--document",
            required=True,
            metavar="SYMBOL",
            help='số, ký hiệu văn bản ban hành kế hoạch, có thể kèm ngày: "35/QĐ-UBND ngày '
            '10/01/2025"; chưa có trong sổ thì được vào sổ',
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Không có tệp {path}.")
        try:
            document = parse_document_ref(options["document"])
        except ValueError as e:
            raise CommandError("--document: ngày ban hành không phải ngày dd/mm/yyyy.") from e
        try:
            rows = read_plan_file(path, document)
            result = import_plan(
                Actor.command("import_plan"),
                code=options["code"],
                title=options["title"],
                document=document,
                rows=rows,
            )
        except PlanImportError as e:
            raise CommandError("Không nhập nhiệm vụ nào:\n" + "\n".join(e.errors)) from e
        except (TaskError, DocumentError) as e:
            raise CommandError(f"Không nhập nhiệm vụ nào: {e}") from e
        self.stdout.write(
            f"Đã nhập kế hoạch {result.plan.code} ({result.plan.document}): "
            f"{len(result.tasks)} nhiệm vụ."
        )
        for registered in result.registered:
            self.stdout.write(
                f"Đã vào sổ văn bản mới: {registered}"
                + (f" ngày {format_date(registered.date)}" if registered.date else "")
                + "; hãy bổ sung ngày ban hành, trích yếu nếu còn thiếu."
            )
