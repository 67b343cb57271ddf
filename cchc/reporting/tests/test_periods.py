import datetime as dt

from django.core.management import call_command

from cchc.reporting.models import Period
from cchc.reporting.periods import previous_period, same_period_last_year


def test_open_periods_follows_the_data_windows_of_the_ministry(reporting: None) -> None:
    call_command("open_periods", "2025")
    windows = {p.code: (p.start, p.end, p.due_date) for p in Period.objects.all()}
    assert windows == {
        "2025-Q1": (dt.date(2024, 12, 15), dt.date(2025, 3, 14), dt.date(2025, 3, 19)),
        "2025-H1": (dt.date(2024, 12, 15), dt.date(2025, 6, 14), dt.date(2025, 6, 19)),
        "2025-9M": (dt.date(2024, 12, 15), dt.date(2025, 9, 14), dt.date(2025, 9, 19)),
        "2025-Y": (dt.date(2024, 12, 15), dt.date(2025, 12, 14), dt.date(2025, 12, 19)),
    }


def test_quarters_open_on_request_with_their_own_window(reporting: None) -> None:
    call_command("open_periods", "2025", "--kinds", "Q3")
    q3 = Period.objects.get()
    assert (q3.code, q3.start, q3.end) == ("2025-Q3", dt.date(2025, 6, 15), dt.date(2025, 9, 14))


def test_opening_a_year_twice_adds_nothing(reporting: None) -> None:
    call_command("open_periods", "2025")
    call_command("open_periods", "2025")
    assert Period.objects.count() == 4


def test_periods_compare_with_the_one_before_and_the_same_one_last_year(reporting: None) -> None:
    call_command("open_periods", "2024")
    call_command("open_periods", "2025")
    h1 = Period.objects.get(code="2025-H1")
    q1 = Period.objects.get(code="2025-Q1")
    assert previous_period(h1) == q1
    assert previous_period(q1) == Period.objects.get(code="2024-Y")
    assert same_period_last_year(h1) == Period.objects.get(code="2024-H1")


def test_period_titles_name_the_year_once(reporting: None) -> None:
    call_command("open_periods", "2025")
    titles = dict(Period.objects.values_list("code", "title"))
    assert titles == {
        "2025-Q1": "Quý I năm 2025",
        "2025-H1": "6 tháng đầu năm 2025",
        "2025-9M": "9 tháng đầu năm 2025",
        "2025-Y": "Năm 2025",
    }
