"""Tests of the typed environment readers that settings.py is built on."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc.lib.env import EnvError, env_bool, env_int, env_list, env_secret, env_str

NAME = "CCHC_TEST_SETTING"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(NAME, raising=False)
    monkeypatch.delenv(f"{NAME}_FILE", raising=False)


def test_env_str_gives_the_value_or_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    assert env_str(NAME, "mặc định") == "mặc định"
    monkeypatch.setenv(NAME, "giá trị")
    assert env_str(NAME, "mặc định") == "giá trị"


@pytest.mark.parametrize("word", ["1", "true", "TRUE", "yes", "On", " true "])
def test_env_bool_reads_the_words_for_true(monkeypatch: pytest.MonkeyPatch, word: str) -> None:
    monkeypatch.setenv(NAME, word)
    assert env_bool(NAME, False) is True


@pytest.mark.parametrize("word", ["0", "false", "No", "off", ""])
def test_env_bool_reads_the_words_for_false(monkeypatch: pytest.MonkeyPatch, word: str) -> None:
    monkeypatch.setenv(NAME, word)
    assert env_bool(NAME, True) is False


def test_env_bool_without_the_variable_gives_the_default() -> None:
    assert env_bool(NAME, True) is True
    assert env_bool(NAME, False) is False


def test_env_bool_refuses_any_other_word(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NAME, "có")
    with pytest.raises(EnvError, match=NAME):
        env_bool(NAME, False)


def test_env_int_reads_an_integer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NAME, "42")
    assert env_int(NAME, 5) == 42


def test_env_int_treats_an_empty_value_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    assert env_int(NAME, 5) == 5
    monkeypatch.setenv(NAME, "  ")
    assert env_int(NAME, 5) == 5


def test_env_int_refuses_a_value_that_is_not_a_number(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NAME, "20MB")
    with pytest.raises(EnvError, match="must be an integer"):
        env_int(NAME, 5)


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch: pytest.MonkeyPatch) -> None:
    assert env_list(NAME, ["localhost"]) == ["localhost"]
    monkeypatch.setenv(NAME, " cchc.example.vn, ,localhost ,")
    assert env_list(NAME, ["localhost"]) == ["cchc.example.vn", "localhost"]


def test_env_secret_reads_the_variable_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NAME, "bi-mat")
    assert env_secret(NAME) == "bi-mat"


def test_env_secret_reads_the_file_named_by_the_file_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    secret = tmp_path / "secret_key"
    secret.write_text("khoa-bi-mat-trong-tep\n", encoding="utf-8")
    monkeypatch.setenv(f"{NAME}_FILE", str(secret))
    assert env_secret(NAME) == "khoa-bi-mat-trong-tep"


def test_env_secret_prefers_the_variable_to_the_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    secret = tmp_path / "secret_key"
    secret.write_text("tu-tep", encoding="utf-8")
    monkeypatch.setenv(f"{NAME}_FILE", str(secret))
    monkeypatch.setenv(NAME, "tu-bien")
    assert env_secret(NAME) == "tu-bien"


def test_env_secret_without_either_gives_the_default() -> None:
    assert env_secret(NAME) is None
    assert env_secret(NAME, "mac-dinh") == "mac-dinh"
