"""Condensing what many units wrote into a few sentences, each with who said it.

Plain Python (no Django), deterministic, no network. The method:

1. Each unit's text of a section is split into sentences.
2. Each sentence gets a *key*: lower case, every quantity ("1.234", "86,08") replaced by ``#``
   and every unit name of the province by ``@``, punctuation dropped. Document symbols
   ("35/QĐ-UBND") and the words stay, so that "Sở Tư pháp tiếp nhận 1.234 hồ sơ" and "Sở Y tế
   tiếp nhận 567 hồ sơ" get the same key.
3. Sentences with the same key form a group; groups whose keys are similar (rapidfuzz's
   ``token_set_ratio`` of at least ``similarity``: the words they share against the words of
   each, whatever their order, so that "Việc chuyển đổi vị trí công tác định kỳ được thực hiện
   đúng quy định" and "Thực hiện chuyển đổi vị trí công tác định kỳ … theo quy định" meet)
   are merged, the largest group leading ("leader" clustering, in a fixed
   order, so that the same input always gives the same clusters). A key is compared only with
   the keys that hold one of the four rarest words it shares with another key.
4. A cluster that several units share is written once: its most common wording, without the
   clauses whose figures or unit names differ between the units (the province's figures are
   stated by the figure sentences), followed by who said it: "(Sở Tư pháp, Sở Y tế và 10 cơ
   quan, đơn vị khác)". A sentence only one unit wrote is kept as written, with its unit.
5. Within the section's budget of words, shared sentences come first (most units first), then
   the facts of one unit, those that name something new (``salient`` words: sáng kiến, mô hình,
   thí điểm…) or a figure first. A sentence already written elsewhere in the document (``seen``)
   is never written again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

# A quantity: digits with Vietnamese thousands dots and decimal commas, not part of a document
# symbol (no "/" or "-" touching it).
QUANTITY = re.compile(r"(?<![\w/\-])\d+(?:[.,]\d+)*(?![\w/\-])")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
ABBREVIATION = re.compile(r"(?:^|\s)[A-ZĐ]{1,3}\.$")
CLAUSE = re.compile(r"(?<=;)\s+")
PUNCTUATION = re.compile(r"[^\w@#/\-]+")
SPACES = re.compile(r"\s+")
WORD = re.compile(r"\S+")
OTHERS = "và %(n)d cơ quan, đơn vị khác"
RARE_WORDS = 4


@dataclass(frozen=True)
class Said:
    """A unit's text of a section: ``unit`` its name (as written in the attribution),
    ``source`` what the sentence came from (a label for the page)."""

    unit: str
    text: str
    source: str = ""


@dataclass(frozen=True)
class Sentence:
    """A sentence of the document: ``text`` with who said it, ``said`` without."""

    text: str
    units: tuple[str, ...]
    sources: tuple[str, ...]
    said: str = ""


@dataclass(frozen=True)
class Settings:
    budget_words: int = 300
    similarity: int = 85
    named_units: int = 2
    salient: tuple[str, ...] = ()


@dataclass
class _Cluster:
    members: list[tuple[int, str, str, str]] = field(
        default_factory=list
    )  # (order, unit, text, source)

    @property
    def units(self) -> list[str]:
        seen: dict[str, None] = {}
        for _order, unit, _text, _source in self.members:
            seen.setdefault(unit, None)
        return list(seen)


def sentences_of(text: str) -> list[str]:
    """The sentences of a text: paragraphs split at a full stop (or ! ?) followed by a space
    and a capital letter or a digit, but not after an abbreviation ("TP. Hồ Chí Minh")."""
    found: list[str] = []
    for paragraph in text.splitlines():
        pieces = SENTENCE_END.split(paragraph.strip())
        current = ""
        for piece in pieces:
            starts = piece[:1].isupper() or piece[:1].isdigit()
            if current and piece[:1] and (not starts or ABBREVIATION.search(current)):
                current = f"{current} {piece}"
                continue
            if current:
                found.append(current)
            current = piece
        if current.strip():
            found.append(current.strip())
    return [s for s in found if len(s) > 2]


class Masker:
    """Writes the key of a sentence (see the module's docstring).

    Unit names are found by their first two words (a dictionary lookup at each word), not by
    one regular expression of every name: a province has hundreds of names, and trying each
    at each position of thousands of sentences would take seconds."""

    def __init__(self, unit_names: Iterable[str]) -> None:
        self.names: dict[str, list[str]] = {}
        for name in sorted({n.lower() for n in unit_names if n.strip()}, key=len, reverse=True):
            self.names.setdefault(_prefix(name.split()), []).append(name)

    def _spans(self, lowered: str) -> list[tuple[int, int]]:
        words = [(m.start(), m.group(0)) for m in WORD.finditer(lowered)]
        spans: list[tuple[int, int]] = []
        end = -1
        for index, (start, _word) in enumerate(words):
            if start < end:
                continue
            for name in self.names.get(_prefix([w for _s, w in words[index : index + 2]]), ()):
                if lowered.startswith(name, start):
                    spans.append((start, start + len(name)))
                    end = start + len(name)
                    break
        return spans

    def key(self, sentence: str) -> str:
        lowered = sentence.lower()
        for start, end in reversed(self._spans(lowered)):
            lowered = f"{lowered[:start]} @ {lowered[end:]}"
        text = QUANTITY.sub(" # ", lowered)
        return SPACES.sub(" ", PUNCTUATION.sub(" ", text)).strip()

    def entities(self, text: str) -> list[str]:
        """The quantities and unit names (lower case) a text holds."""
        lowered = text.lower()
        return QUANTITY.findall(text) + [lowered[a:b] for a, b in self._spans(lowered)]


def _prefix(words: Sequence[str]) -> str:
    return " ".join(words[:2])


def attribution(units: Sequence[str], named: int = 2) -> str:
    """ "Sở Tư pháp", "Sở Tư pháp và Sở Y tế", "Sở Tư pháp, Sở Y tế và 10 cơ quan, đơn vị
    khác": the first ``named`` units by name, the others counted (three are all named)."""
    if len(units) <= named + 1:
        return units[0] if len(units) == 1 else f"{', '.join(units[:-1])} và {units[-1]}"
    return f"{', '.join(units[:named])} {OTHERS % {'n': len(units) - named}}"


def condense(
    said: Sequence[Said],
    masker: Masker,
    settings: Settings,
    seen: set[str] | None = None,
) -> list[Sentence]:
    """The section's sentences (see the module's docstring); ``seen`` (normalised sentences
    already in the document) is read and extended."""
    seen = set() if seen is None else seen
    clusters = _clusters(said, masker, settings.similarity)
    shared = sorted(
        (c for c in clusters if len(c.units) > 1), key=lambda c: (-len(c.units), c.members[0][0])
    )
    single = sorted(
        (c for c in clusters if len(c.units) == 1),
        key=lambda c: (-_salience(c.members[0][2], settings.salient), c.members[0][0]),
    )
    chosen: list[Sentence] = []
    words = 0
    for cluster in [*shared, *single]:
        text = _written(cluster, masker)
        if not text:
            continue
        units = cluster.units
        sentence = f"{text.rstrip('.;,: ')} ({attribution(units, settings.named_units)})."
        key = normalised(text)
        if key in seen:
            continue
        count = len(sentence.split())
        if words + count > settings.budget_words:
            continue
        seen.add(key)
        words += count
        sources = tuple(dict.fromkeys(source for _o, _u, _t, source in cluster.members if source))
        chosen.append(Sentence(sentence, tuple(units), sources, text))
    return chosen


def normalised(text: str) -> str:
    """What makes two sentences "the same sentence" in the document: words, lower case."""
    return SPACES.sub(" ", PUNCTUATION.sub(" ", text.lower())).strip()


def _clusters(said: Sequence[Said], masker: Masker, similarity: int) -> list[_Cluster]:
    groups: dict[str, _Cluster] = {}
    order = 0
    for item in said:
        for sentence in sentences_of(item.text):
            key = masker.key(sentence)
            if not key:
                continue
            groups.setdefault(key, _Cluster()).members.append(
                (order, item.unit, sentence, item.source)
            )
            order += 1
    keys = sorted(groups, key=lambda k: (-len(groups[k].members), groups[k].members[0][0]))
    position = {key: index for index, key in enumerate(keys)}
    # Candidates of a key: the keys holding one of its RARE_WORDS rarest words among those it
    # shares with another key (two sentences alike enough share them), rather than every key:
    # n² comparisons would take seconds for a province of a hundred units.
    words = {key: set(key.split()) - {"#", "@"} for key in keys}
    holding: dict[str, list[str]] = {}
    for key in keys:
        for word in words[key]:
            holding.setdefault(word, []).append(key)
    assigned: set[str] = set()
    clusters: list[_Cluster] = []
    for key in keys:
        if key in assigned:
            continue
        assigned.add(key)
        cluster = groups[key]
        shared = [w for w in words[key] if len(holding[w]) > 1]
        rare = sorted(shared, key=lambda w: (len(holding[w]), w))[:RARE_WORDS]
        candidates = sorted(
            {other for w in rare for other in holding[w] if other not in assigned},
            key=position.__getitem__,
        )
        for match, _score, _i in process.extract(
            key, candidates, scorer=fuzz.token_set_ratio, score_cutoff=similarity, limit=None
        ):
            assigned.add(match)
            cluster.members.extend(groups[match].members)
        cluster.members.sort()
        clusters.append(cluster)
    return clusters


def _written(cluster: _Cluster, masker: Masker) -> str:
    """The cluster's sentence as the document writes it: the first member of its largest
    wording, its own unit's name taken off its start, and (when several units share it) without
    the clauses (between semicolons: a comma also separates the words of a list) whose figures
    or names are not the same for every member."""
    _order, unit, text, _source = cluster.members[0]
    text = _without_subject(text, unit)
    if len(cluster.units) > 1:
        others = [t.lower() for _o, _u, t, _s in cluster.members]
        kept = [
            clause
            for clause in CLAUSE.split(text)
            if all(all(e.lower() in other for other in others) for e in masker.entities(clause))
        ]
        text = " ".join(kept).strip(" ,;:")
    text = text.strip()
    if len(text.split()) < 4:
        return ""
    return text[:1].upper() + text[1:]


def _without_subject(text: str, unit: str) -> str:
    if text.lower().startswith(unit.lower()):
        return text[len(unit) :].lstrip(" ,:")
    return text


def _salience(text: str, salient: Sequence[str]) -> int:
    lowered = text.lower()
    return 2 * sum(word in lowered for word in salient) + bool(QUANTITY.search(text))


def addressee_of(text: str, addressees: Mapping[str, Sequence[str]]) -> str:
    """Whom a proposal is addressed to: the addressee one of whose words comes first in it
    ("Đề nghị UBND tỉnh bố trí … Bộ phận Một cửa" is for UBND tỉnh); the last one when it
    names none."""
    lowered = text.lower()
    names = list(addressees)
    found = [
        (position, index)
        for index, name in enumerate(names)
        for word in addressees[name]
        if (position := lowered.find(word.lower())) >= 0
    ]
    return names[min(found)[1]] if found else names[-1]
