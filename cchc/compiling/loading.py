"""The compiled report's configuration (``config/compiling.yaml``): the plan it reports on,
condensing budgets, assessment thresholds, reform areas, addressees and the issuers.

Read and checked once per process (``settings()``); a wrong file is refused with the key that
is wrong, in Vietnamese.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from cchc.compiling.condense import Settings

CONFIG_FILE = Path(__file__).resolve().parent / "config" / "compiling.yaml"


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class SignatureChoice:
    authority: str
    title: str

    @property
    def label(self) -> str:
        return " / ".join(filter(None, [*self.authority.splitlines(), self.title]))


@dataclass(frozen=True)
class Issuer:
    code: str
    label: str
    symbol: str
    unit_short_code: str
    addressee: str
    self_words: tuple[str, ...]
    # The addressees whose proposals the issuer forwards (empty: all).
    addressees: tuple[str, ...]
    recipients: tuple[str, ...]
    signatures: tuple[SignatureChoice, ...]


@dataclass(frozen=True)
class CompilingConfig:
    plan_code: str
    regime_document: str
    similarity: int
    named_units: int
    salient: tuple[str, ...]
    budgets: dict[str, int]
    change_threshold_percent: float
    change_threshold_points: float
    overdue_dossiers_threshold: int
    list_limit: int
    lower_is_better: tuple[str, ...]
    weakness_words: tuple[str, ...]
    reform_areas: dict[str, tuple[str, ...]]
    addressees: dict[str, tuple[str, ...]]
    issuers: dict[str, Issuer]

    def condensing(self, section: str) -> Settings:
        return Settings(
            budget_words=self.budgets.get(section, 200),
            similarity=self.similarity,
            named_units=self.named_units,
            salient=self.salient,
        )


@cache
def settings() -> CompilingConfig:
    return read_config(CONFIG_FILE)


def read_config(path: Path) -> CompilingConfig:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as e:
        raise ConfigError(f"{path.name}: không đọc được ({e})") from e
    try:
        return _parse(data)
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise ConfigError(f"{path.name}: thiếu hoặc sai mục {e}") from e


def _parse(data: dict[str, Any]) -> CompilingConfig:
    condensing, assessment = data["condensing"], data["assessment"]
    issuers = {
        str(code): Issuer(
            code=str(code),
            label=str(item["label"]),
            symbol=str(item["symbol"]),
            unit_short_code=str(item.get("unit_short_code") or ""),
            addressee=str(item["addressee"]),
            self_words=tuple(map(str, item.get("self_words") or ())),
            addressees=tuple(map(str, item.get("forwards") or ())),
            recipients=tuple(map(str, item["recipients"])),
            signatures=tuple(
                SignatureChoice(str(s.get("authority") or ""), str(s["title"]))
                for s in item["signatures"]
            ),
        )
        for code, item in data["issuers"].items()
    }
    if not issuers or any(not i.signatures for i in issuers.values()):
        raise ValueError("issuers")
    return CompilingConfig(
        plan_code=str(data["plan_code"]),
        regime_document=str(data.get("regime_document") or ""),
        similarity=int(condensing["similarity"]),
        named_units=int(condensing["named_units"]),
        salient=tuple(map(str, condensing.get("salient") or ())),
        budgets={str(k): int(v) for k, v in condensing["budgets"].items()},
        change_threshold_percent=float(assessment["change_threshold_percent"]),
        change_threshold_points=float(assessment["change_threshold_points"]),
        overdue_dossiers_threshold=int(assessment["overdue_dossiers_threshold"]),
        list_limit=int(assessment["list_limit"]),
        lower_is_better=tuple(map(str, assessment.get("lower_is_better") or ())),
        weakness_words=tuple(map(str, assessment.get("weakness_words") or ())),
        reform_areas={str(k): tuple(map(str, v or ())) for k, v in data["reform_areas"].items()},
        addressees={str(k): tuple(map(str, v or ())) for k, v in data["addressees"].items()},
        issuers=issuers,
    )
