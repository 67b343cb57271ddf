from decimal import Decimal

import pytest

from cchc.reporting.rules import RuleSyntaxError, parse_check


def test_a_rule_compares_two_sums_of_indicators() -> None:
    check = parse_check("a + b - 2 <= c")
    assert check.codes == {"a", "b", "c"}
    assert check.holds({"a": Decimal(3), "b": Decimal(4), "c": Decimal(5)}) is True
    assert check.holds({"a": Decimal(3), "b": Decimal(5), "c": Decimal(5)}) is False


def test_a_rule_with_an_empty_indicator_is_skipped() -> None:
    assert parse_check("a <= b").holds({"a": Decimal(1), "b": None}) is None


@pytest.mark.parametrize("op, expected", [("==", False), ("<", True), (">", False), (">=", False)])
def test_every_comparison_operator_is_understood(op: str, expected: bool) -> None:
    assert parse_check(f"a {op} b").holds({"a": Decimal(1), "b": Decimal(2)}) is expected


@pytest.mark.parametrize("text", ["a <=", "<= b", "a b <= c", "a <= b <= c", "a ++ b == c", "a"])
def test_malformed_rules_are_refused(text: str) -> None:
    with pytest.raises(RuleSyntaxError):
        parse_check(text)
