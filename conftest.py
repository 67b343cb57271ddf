"""Shared fixtures: a small province and one named user per role.

Who may see what (see cchc/access.py):
- ``officer``  – Chuyên viên đầu mối of Sở Tư pháp: reads units and documents, registers documents.
- ``head``     – Giám đốc Sở Tư pháp: as the officer.
- ``coordinator`` – Sở Nội vụ CCHC staff: all of the above, manages units, reads the audit log.
- ``leader``   – Phó Chủ tịch UBND tỉnh: reads units and documents, changes nothing.
- ``admin``    – system administrator: everything, including the admin site.
- ``outsider`` – signed in but holding no role anywhere: refused everywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from pytest_django import Settings

from cchc.accounts.models import Membership, Role, User
from cchc.audit.log import Actor
from cchc.orgs.actions import UnitData, import_units
from cchc.orgs.models import Unit

PASSWORD = "mat-khau-thu-nghiem"

# The test client type, signed-in clients, query counts, the browser and the shared demo.
pytest_plugins = ["cchc.testing"]


@pytest.fixture(autouse=True, scope="session")
def jobs_run_immediately() -> None:
    """Jobs run inside the call that enqueues them, in memory: no job runner in the tests.
    Tests of the runner itself start real consumers on a queue file of their own."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True


@pytest.fixture(autouse=True)
def fast_password_hasher(settings: Settings) -> None:
    # Argon2 is deliberately slow; tests that check hashing override this themselves.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def neutral_province_identity() -> None:
    """Each test starts with no province identity loaded (a test database has none), already
    in the cache every page reads it from: pages' query counts do not include it. Loading
    one (load_province, load_demo) clears the cache."""
    from django.core.cache import cache

    from cchc.orgs.models import IDENTITY_CACHE_KEY, ProvinceIdentity

    cache.set(IDENTITY_CACHE_KEY, ProvinceIdentity.neutral())


@dataclass
class Province:
    root: Unit
    snv: Unit
    stp: Unit
    district: Unit
    old_commune: Unit
    new_commune: Unit


def build_province() -> Province:
    """The small province of the tests: Sở Nội vụ, Sở Tư pháp, a district abolished on
    30/6/2025 with its commune, and the commune that succeeds both."""
    rows = [
        UnitData("QNG", "Ủy ban nhân dân tỉnh Quảng Ngãi", "province", "UBND"),
        UnitData("QNG-SNV", "Sở Nội vụ", "department", "SNV", "QNG"),
        UnitData("QNG-STP", "Sở Tư pháp", "department", "STP", "QNG"),
        UnitData(
            "QNG-H-BINHSON",
            "Ủy ban nhân dân huyện Bình Sơn",
            "district",
            "UBND",
            "QNG",
            valid_to=dt.date(2025, 6, 30),
            successor_codes=("QNG-X-BINHSON",),
        ),
        UnitData(
            "QNG-X-BINHCHANH",
            "Ủy ban nhân dân xã Bình Chánh",
            "commune",
            "UBND",
            "QNG-H-BINHSON",
            valid_to=dt.date(2025, 6, 30),
            successor_codes=("QNG-X-BINHSON",),
        ),
        UnitData(
            "QNG-X-BINHSON",
            "Ủy ban nhân dân xã Bình Sơn",
            "commune",
            "UBND",
            "QNG",
            valid_from=dt.date(2025, 7, 1),
        ),
    ]
    import_units(Actor.command("test"), rows)
    units = {u.code: u for u in Unit.objects.all()}
    return Province(
        root=units["QNG"],
        snv=units["QNG-SNV"],
        stp=units["QNG-STP"],
        district=units["QNG-H-BINHSON"],
        old_commune=units["QNG-X-BINHCHANH"],
        new_commune=units["QNG-X-BINHSON"],
    )


@pytest.fixture
def province(db: None) -> Province:
    return build_province()


def make_user(
    username: str, unit: Unit | None = None, role: Role | None = None, *, superuser: bool = False
) -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, is_superuser=superuser, is_staff=superuser
    )
    if unit is not None and role is not None:
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


def build_users(province: Province) -> dict[str, User]:
    """One user per role of the access rules, named as the fixtures below."""
    return {
        "officer": make_user("chuyenvien", province.stp, Role.OFFICER),
        "head": make_user("giamdoc", province.stp, Role.HEAD),
        "coordinator": make_user("dieuphoi", province.snv, Role.COORDINATOR),
        "leader": make_user("lanhdao", province.root, Role.LEADER),
        "admin": make_user("quantri", superuser=True),
        "outsider": make_user("nguoingoai"),
    }


@pytest.fixture
def officer(province: Province) -> User:
    return make_user("chuyenvien", province.stp, Role.OFFICER)


@pytest.fixture
def head(province: Province) -> User:
    return make_user("giamdoc", province.stp, Role.HEAD)


@pytest.fixture
def coordinator(province: Province) -> User:
    return make_user("dieuphoi", province.snv, Role.COORDINATOR)


@pytest.fixture
def leader(province: Province) -> User:
    return make_user("lanhdao", province.root, Role.LEADER)


@pytest.fixture
def admin_user(province: Province) -> User:
    return make_user("quantri", superuser=True)


@pytest.fixture
def outsider(province: Province) -> User:
    return make_user("nguoingoai")
