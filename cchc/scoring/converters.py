"""The kind of unit a framework assesses, in its Vietnamese URL form: /chi-so-cchc/2025/so-nganh/
rather than the database code "department". The old addresses with the code redirect."""

from __future__ import annotations

from cchc.orgs.models import Kind

SLUGS: dict[str, str] = {
    Kind.PROVINCE: "tinh",
    Kind.OFFICE: "van-phong",
    Kind.DEPARTMENT: "so-nganh",
    Kind.DISTRICT: "huyen",
    Kind.COMMUNE: "xa",
}
CODES = {slug: code for code, slug in SLUGS.items()}


class UnitKindConverter:
    """ "so-nganh" in the address, "department" in the view."""

    regex = "[a-z-]+"

    def to_python(self, value: str) -> str:
        if value not in CODES:
            raise ValueError(value)
        return CODES[value]

    def to_url(self, value: str) -> str:
        return SLUGS.get(value, value)


class OldUnitKindConverter:
    """The database code that addresses held before ("department"), for the redirects."""

    regex = "|".join(SLUGS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


# The fixed words of a framework's own pages, where a unit's pages have its code.
FRAMEWORK_PAGES = frozenset({"xep-hang", "dieu-tra"})


class UnitCodeConverter:
    """A unit's code in a sheet's address: any path segment but a framework page's word, so
    that /2025/so-nganh/xep-hang/ is the ranking whatever order the patterns are in."""

    regex = "[^/]+"

    def to_python(self, value: str) -> str:
        if value in FRAMEWORK_PAGES:
            raise ValueError(value)
        return value

    def to_url(self, value: str) -> str:
        return value
