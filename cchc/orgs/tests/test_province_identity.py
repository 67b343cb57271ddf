"""The province's identity (name, emblem, colours, issuing bodies): loaded from YAML by
load_province, edited in the admin, shown in every page's header and on the letterheads."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from cchc.accounts.models import User
from cchc.audit.models import AuditEntry
from cchc.orgs.letterhead import report_header
from cchc.orgs.models import ProvinceIdentity
from cchc.testing import Clients
from conftest import Province


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tinh.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_province_loads_the_shipped_file_and_the_header_shows_it(
    province: Province, officer: User, client_for: Clients
) -> None:
    out = io.StringIO()
    call_command("load_province", stdout=out)
    assert "Đã nạp thông tin Tỉnh Quảng Ngãi." in out.getvalue()
    assert AuditEntry.objects.filter(action="orgs.identity").count() == 1
    page = client_for(officer).get(reverse("home:index")).content.decode()
    assert "<title>Việc của tôi – Tỉnh Quảng Ngãi</title>" in page
    assert "Ủy ban nhân dân tỉnh Quảng Ngãi</span>" in page
    assert "/static/cchc/province/quang-ngai.svg" in page
    assert "--brand: #a31515;" in page


def test_a_wrong_file_loads_nothing_and_says_why(province: Province, tmp_path: Path) -> None:
    path = write(tmp_path, "name: Lý Sơn\ncolour: đỏ\nemblem: khong-co.svg\nmotto: x\n")
    with pytest.raises(CommandError, match="khóa lạ: motto"):
        call_command("load_province", str(path))
    path = write(tmp_path, "name: Lý Sơn\npeople_committee: UBND\nhome_affairs: SNV\ncolour: đỏ\n")
    with pytest.raises(CommandError, match="#rrggbb"):
        call_command("load_province", str(path))
    path = write(
        tmp_path, "name: Lý Sơn\npeople_committee: UBND\nhome_affairs: SNV\nemblem: x.svg\n"
    )
    with pytest.raises(CommandError, match=r"Không có tệp x\.svg trong thư mục tĩnh"):
        call_command("load_province", str(path))
    assert not ProvinceIdentity.objects.exists()


def test_the_letterhead_names_the_province_from_its_identity(
    province: Province, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "name: Lý Sơn\npeople_committee: Ủy ban nhân dân tỉnh Lý Sơn\n"
        "home_affairs: Sở Nội vụ tỉnh Lý Sơn\n",
    )
    call_command("load_province", str(path), stdout=io.StringIO())
    header, _signature = report_header(province.stp, dt.date(2025, 6, 30))
    assert header.place == "Lý Sơn"
    assert header.parent_body == "UBND TỈNH LÝ SƠN"
    assert header.issuing_body == "Sở Tư pháp"


def test_the_admin_edits_the_identity_and_the_pages_follow(
    province: Province, admin_user: User, officer: User, client_for: Clients
) -> None:
    call_command("load_province", stdout=io.StringIO())
    identity = ProvinceIdentity.objects.get()
    admin = client_for(admin_user)
    url = reverse("admin:orgs_provinceidentity_change", args=[identity.pk])
    assert "Đường dẫn tệp SVG" in admin.get(url).content.decode()
    data = {
        "name": "Quảng Ngãi",
        "kind_word": "tỉnh",
        "people_committee": "Ủy ban nhân dân tỉnh Quảng Ngãi",
        "home_affairs": "Sở Nội vụ tỉnh Quảng Ngãi",
        "system_name": "Cổng theo dõi cải cách hành chính",
        "emblem": "cchc/province/quang-ngai.svg",
        "colour": "#005a9c",
        "colour_dark": "#003e6b",
        "colour_accent": "#f2c230",
        "letterhead": json.dumps(identity.letterhead),
    }
    assert admin.post(url, data).status_code == 302
    page = client_for(officer).get(reverse("home:index")).content.decode()
    assert "Cổng theo dõi cải cách hành chính" in page
    assert "--brand: #005a9c;" in page
    # One identity: no second one is added.
    assert admin.get(reverse("admin:orgs_provinceidentity_add")).status_code == 403


def test_a_letterhead_of_the_wrong_shape_is_refused_and_nothing_is_written(
    db: None, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "name: Lý Sơn\npeople_committee: Ủy ban nhân dân tỉnh Lý Sơn\n"
        "home_affairs: Sở Nội vụ tỉnh Lý Sơn\nletterhead:\n  signers: GIÁM ĐỐC\n",
    )
    with pytest.raises(CommandError, match="Khối ký và nơi nhận phải gồm signers"):
        call_command("load_province", str(path))
    assert not ProvinceIdentity.objects.exists()
