from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cchc.audit.log import Actor
from cchc.orgs.loading import DEFAULT_FILE, IdentityError, load_identity, read_identity_file


class Command(BaseCommand):
    help = "Nạp tên, biểu trưng, màu sắc của tỉnh và tên các cơ quan ban hành từ tệp YAML."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, nargs="?", default=DEFAULT_FILE)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            identity = load_identity(
                Actor.command("load_province"), read_identity_file(options["file"])
            )
        except IdentityError as e:
            raise CommandError("Không nạp được thông tin tỉnh:\n" + "\n".join(e.errors)) from e
        self.stdout.write(f"Đã nạp thông tin {identity.full_name}.")
