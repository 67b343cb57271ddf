"""Declarative consistency rules: "a + b <= c" over indicator codes and numbers (no Django).

A rule is two sums of terms (indicator codes or numbers, joined by + or -) compared with one of
<=, >=, ==, <, >. ``Check.holds`` cannot decide when one of its indicators has no value (None);
cchc.reporting.validation then names the blank figures rather than passing the rule.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

_COMPARISONS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    "<=": operator.le,
    ">=": operator.ge,
    "==": operator.eq,
    "<": operator.lt,
    ">": operator.gt,
}
_TOKEN = re.compile(r"\s*(?:(<=|>=|==|<|>)|([+-])|([0-9]+(?:\.[0-9]+)?)|([a-z_][a-z0-9_]*))")


class RuleSyntaxError(ValueError):
    pass


@dataclass(frozen=True)
class Term:
    sign: int
    code: str | None
    number: Decimal | None


@dataclass(frozen=True)
class Check:
    left: tuple[Term, ...]
    op: str
    right: tuple[Term, ...]

    @property
    def codes(self) -> set[str]:
        return {t.code for t in (*self.left, *self.right) if t.code is not None}

    def holds(self, values: Mapping[str, Decimal | None]) -> bool | None:
        """True or False, or None when an indicator it needs has no value."""
        if any(values.get(code) is None for code in self.codes):
            return None
        return _COMPARISONS[self.op](_total(self.left, values), _total(self.right, values))


def _total(terms: tuple[Term, ...], values: Mapping[str, Decimal | None]) -> Decimal:
    total = Decimal(0)
    for term in terms:
        amount = term.number if term.code is None else values[term.code]
        total += term.sign * (amount or 0)
    return total


def parse_check(text: str) -> Check:
    sides: list[list[Term]] = [[]]
    op: str | None = None
    sign = 1
    expect_term = True
    position = 0
    text = text.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise RuleSyntaxError(f"cannot read «{text[position:]}» in «{text}»")
        position = match.end()
        comparison, plus_minus, number, code = match.groups()
        if comparison:
            if op is not None or expect_term:
                raise RuleSyntaxError(f"misplaced «{comparison}» in «{text}»")
            op = comparison
            sides.append([])
            expect_term = True
        elif plus_minus:
            if expect_term:
                raise RuleSyntaxError(f"misplaced «{plus_minus}» in «{text}»")
            sign = 1 if plus_minus == "+" else -1
            expect_term = True
        else:
            if not expect_term:
                raise RuleSyntaxError(f"missing + or - before «{number or code}» in «{text}»")
            sides[-1].append(Term(sign, code, Decimal(number) if number else None))
            sign = 1
            expect_term = False
    if op is None or expect_term or len(sides) != 2:
        raise RuleSyntaxError(f"a rule compares two sums: «{text}»")
    return Check(tuple(sides[0]), op, tuple(sides[1]))
