from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PROVINCE = "province", _("UBND tỉnh")
    OFFICE = "office", _("Văn phòng")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")


HOME_AFFAIRS_CODE = "SNV"


class UnitQuerySet(models.QuerySet["Unit"]):
    def active_on(self, day: dt.date) -> UnitQuerySet:
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )

    def subtree(self, root: Unit) -> UnitQuerySet:
        """``root`` and every unit below it, in one query on the materialised path."""
        return self.filter(path__startswith=root.path)

    def root_of(self, unit: Unit | None) -> Unit | None:
        """The root of ``unit``'s tree (the unit itself when it is one); without a unit, the
        province (or, in a tree without one, the first root)."""
        if unit is not None:
            root_id = int(unit.path.strip("/").split("/")[0])
            return unit if unit.pk == root_id else self.filter(pk=root_id).first()
        roots = self.filter(parent__isnull=True)
        return roots.filter(kind=Kind.PROVINCE).first() or roots.first()

    def home_affairs(self) -> Unit | None:
        """Sở Nội vụ, who compiles the province's reports and runs the PAR Index: the unit
        with the short code SNV (the newest, when the tree kept an older one)."""
        return self.filter(short_code=HOME_AFFAIRS_CODE).order_by("-valid_from", "path").first()


class Unit(models.Model):
    """An agency or local government of the province, valid for a span of dates.

    ``path`` is the materialised path of primary keys from the root ("/0000001/0000007/"),
    kept by the action functions in ``cchc.orgs.actions``; a unit that ceased to exist keeps
    its row, its history and links to the unit(s) that took over (``successors``).
    """

    code = models.CharField(_("mã đơn vị"), max_length=40, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_code = models.CharField(
        _("ký hiệu trên văn bản"), max_length=40, blank=True, help_text=_("Ví dụ: SNV, SNgV, VP")
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("đơn vị cấp trên"),
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    valid_from = models.DateField(_("hiệu lực từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="predecessors",
        verbose_name=_("đơn vị kế thừa"),
    )
    search_text = models.TextField(editable=False, default="")

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_span",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("orgs:unit_detail", args=[self.code])

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    def is_active_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )


IDENTITY_CACHE_KEY = "cchc-province-identity"
IDENTITY_CACHE_SECONDS = 300
HEX_COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Mã màu dạng #rrggbb, ví dụ #a31515."))

# Who signs a report and to whom it goes (Decree 30), as the province's data (``letterhead`` in
# its YAML file, ``cchc.orgs.letterhead``): the first signer whose ``prefix`` starts the issuing
# unit's name gives the title (and the "TM." line), else ``default_signer``; ``recipients``
# lists "Nơi nhận" for the province's own reports and for a unit's.
DEFAULT_LETTERHEAD: dict[str, Any] = {
    "signers": [
        {"prefix": "Ủy ban nhân dân", "title": "CHỦ TỊCH", "authority": "TM. ỦY BAN NHÂN DÂN"},
        {"prefix": "Sở ", "title": "GIÁM ĐỐC"},
        {"prefix": "Ban ", "title": "TRƯỞNG BAN"},
        {"prefix": "Thanh tra", "title": "CHÁNH THANH TRA"},
        {"prefix": "Văn phòng", "title": "CHÁNH VĂN PHÒNG"},
    ],
    "default_signer": "THỦ TRƯỞNG ĐƠN VỊ",
    "recipients": {
        "by_province": ["Bộ Nội vụ (b/c);", "Lưu: VT."],
        "by_unit": ["UBND tỉnh (b/c);", "Lưu: VT."],
    },
}


def default_letterhead() -> dict[str, Any]:
    return copy.deepcopy(DEFAULT_LETTERHEAD)


def _is_texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def validate_letterhead(value: Any) -> None:
    """``value`` has the shape of ``DEFAULT_LETTERHEAD``."""
    signers = value.get("signers") if isinstance(value, dict) else None
    recipients = value.get("recipients") if isinstance(value, dict) else None
    valid = (
        isinstance(value, dict)
        and set(value) == set(DEFAULT_LETTERHEAD)
        and isinstance(signers, list)
        and all(
            isinstance(signer, dict)
            and {"prefix", "title"} <= set(signer) <= {"prefix", "title", "authority"}
            and all(isinstance(text, str) and text for text in signer.values())
            for signer in signers
        )
        and isinstance(value["default_signer"], str)
        and isinstance(recipients, dict)
        and set(recipients) == {"by_province", "by_unit"}
        and all(_is_texts(texts) for texts in recipients.values())
    )
    if not valid:
        raise ValidationError(
            _(
                "Khối ký và nơi nhận phải gồm signers (prefix, title, authority nếu có), "
                "default_signer và recipients (by_province, by_unit)."
            )
        )


class ProvinceIdentity(models.Model):
    """The province's name, emblem and colours and the names of its issuing bodies: one row,
    loaded from ``cchc/orgs/config/province.yaml`` by ``load_province`` and edited in the
    admin. The pages' header and the letterheads of official documents read it."""

    name = models.CharField(_("tên tỉnh"), max_length=100, help_text=_("Ví dụ: Quảng Ngãi"))
    kind_word = models.CharField(
        _("cấp"), max_length=20, default="tỉnh", help_text=_("“tỉnh” hoặc “thành phố”")
    )
    people_committee = models.CharField(
        _("Ủy ban nhân dân"),
        max_length=150,
        help_text=_("Tên cơ quan ban hành, ví dụ Ủy ban nhân dân tỉnh Quảng Ngãi"),
    )
    home_affairs = models.CharField(
        _("cơ quan chủ trì CCHC"), max_length=150, help_text=_("Ví dụ: Sở Nội vụ tỉnh Quảng Ngãi")
    )
    system_name = models.CharField(
        _("tên hệ thống"), max_length=150, default="Hệ thống theo dõi cải cách hành chính"
    )
    emblem = models.CharField(
        _("biểu trưng"),
        max_length=200,
        default="cchc/province/emblem.svg",
        help_text=_("Đường dẫn tệp SVG trong thư mục tĩnh, ví dụ cchc/province/emblem.svg"),
    )
    colour = models.CharField(
        _("màu chính"), max_length=7, default="#a31515", validators=[HEX_COLOUR]
    )
    colour_dark = models.CharField(
        _("màu chính đậm"), max_length=7, default="#7d0f0f", validators=[HEX_COLOUR]
    )
    colour_accent = models.CharField(
        _("màu điểm xuyết"), max_length=7, default="#f2c230", validators=[HEX_COLOUR]
    )
    letterhead = models.JSONField(
        _("khối ký và nơi nhận"),
        default=default_letterhead,
        validators=[validate_letterhead],
        help_text=_(
            "Chức danh người ký theo đầu tên cơ quan (signers), chức danh mặc định "
            "(default_signer) và nơi nhận của báo cáo cấp tỉnh và của đơn vị (recipients)."
        ),
    )

    class Meta:
        verbose_name = _("thông tin tỉnh")
        verbose_name_plural = _("thông tin tỉnh")

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        cache.delete(IDENTITY_CACHE_KEY)

    def clean(self) -> None:
        if not finders.find(self.emblem):
            message = _("Không có tệp %(path)s trong thư mục tĩnh.") % {"path": self.emblem}
            raise ValidationError({"emblem": message})

    @property
    def full_name(self) -> str:
        """ "tỉnh Quảng Ngãi" with a capital: "Tỉnh Quảng Ngãi"."""
        text = f"{self.kind_word} {self.name}".strip() if self.name else ""
        return text[:1].upper() + text[1:]

    @classmethod
    def current(cls) -> ProvinceIdentity:
        """The province's identity, or a neutral unsaved one before any is loaded. Every page
        shows it, so it is cached: a save clears the cache of the process that saves, other
        processes read the new one within ``IDENTITY_CACHE_SECONDS``."""
        found: ProvinceIdentity | None = cache.get(IDENTITY_CACHE_KEY)
        if found is None:
            found = cls.objects.order_by("pk").first() or cls.neutral()
            cache.set(IDENTITY_CACHE_KEY, found, IDENTITY_CACHE_SECONDS)
        return found

    @classmethod
    def neutral(cls) -> ProvinceIdentity:
        """No province's name, the default emblem and colours."""
        return cls(name="", people_committee="", home_affairs="")
