"""Passwords are stored as Argon2 hashes under the real setting."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from pytest_django import Settings

from cchc.accounts.models import User

ARGON2 = "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.fixture
def argon2(settings: Settings) -> None:
    # conftest.py swaps in a fast hasher for speed; put the project's real one back.
    settings.PASSWORD_HASHERS = [ARGON2, "django.contrib.auth.hashers.PBKDF2PasswordHasher"]


@pytest.mark.usefixtures("argon2")
def test_a_password_is_hashed_with_argon2() -> None:
    encoded = make_password("mat-khau-rat-dai-2025")
    assert encoded.startswith("argon2")
    assert identify_hasher(encoded).algorithm == "argon2"
    assert check_password("mat-khau-rat-dai-2025", encoded)
    assert not check_password("mat-khau-khac", encoded)


@pytest.mark.usefixtures("argon2")
def test_a_new_users_password_is_stored_as_argon2(db: None) -> None:
    user = User.objects.create_user(username="nguoidung", password="mat-khau-rat-dai-2025")
    assert user.password.startswith("argon2$")
    assert "mat-khau-rat-dai-2025" not in user.password
    assert user.check_password("mat-khau-rat-dai-2025")


@pytest.mark.usefixtures("argon2")
def test_an_older_pbkdf2_hash_is_upgraded_to_argon2_on_sign_in(db: None) -> None:
    user = User.objects.create(
        username="nguoicu",
        password=make_password("mat-khau-cu-2020", hasher="pbkdf2_sha256"),
    )
    assert user.password.startswith("pbkdf2_sha256$")
    assert user.check_password("mat-khau-cu-2020")
    user.refresh_from_db()
    assert user.password.startswith("argon2$")
