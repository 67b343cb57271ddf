from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from cchc.orgs.csvio import write_units_csv
from cchc.orgs.models import Unit


class Command(BaseCommand):
    help = "In danh sách đơn vị ra CSV (stdout)."

    def handle(self, *args: Any, **options: Any) -> None:
        units = Unit.objects.select_related("parent").prefetch_related("successors")
        write_units_csv(self.stdout, units)
