"""The results page: figures against counts worked out by hand, filters and splits, headline
intervals, and who may see it."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.results.conftest import add_child


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.text[:300]
    return BeautifulSoup(response.text, "html.parser")


def table_for(page: BeautifulSoup, question_id: str) -> dict[str, list[str]]:
    section = page.select_one(f"#result-{question_id}")
    return {tr.th.get_text(strip=True): [td.get_text(" ", strip=True).split(" ")[0]
                                         for td in tr.select("td")]
            for tr in section.select_one("table").select("tr") if tr.th and tr.select("td")}


@pytest.fixture
def classes(app, make_session):
    primary = make_session("primary", school="Oak Primary", year=5)
    secondary = make_session("secondary", school="Hill Academy", year=9)
    # Primary: 3 sent (trusted adult yes, yes, no) + 1 not sent (never counted).
    add_child(app, primary, {"trusted_adult": "yes", "safe_area": "very",
                             "worries": ["bullying", "online"],
                             "priorities": ["bullying", "online_safety"]})
    add_child(app, primary, {"trusted_adult": "yes", "safe_area": "quite",
                             "worries": ["bullying"], "priorities": ["online_safety"]})
    add_child(app, primary, {"trusted_adult": "no", "safe_area": "not_very", "worries": "SKIP"})
    add_child(app, primary, {"trusted_adult": "no", "safe_area": "not_at_all"}, sent=False)
    # Secondary: 2 sent.
    add_child(app, secondary, {"trusted_adult": "yes", "safe_area": "RNS",
                               "worries": ["money"], "priorities": ["mental_health"]})
    add_child(app, secondary, {"trusted_adult": "not_sure", "safe_area": "very",
                               "make_better": "more buses to the youth club please"})
    return primary, secondary


def test_counts_everyone(app, classes, signed_in) -> None:
    page = soup(signed_in("analyst").get("/staff/results/your-voice-matters"))
    assert "5 sent answers" in page.select_one(".lead").text
    trusted = table_for(page, "trusted_adult")
    assert trusted["Yes"] == ["3"] and trusted["No"] == ["1"] and trusted["Not sure"] == ["1"]
    assert trusted["Answered"] == ["5"]
    safe = table_for(page, "safe_area")
    assert safe["Very safe"] == ["2"] and safe["Answered"] == ["4"]
    assert safe["I'd rather not say"] == ["1"]
    worries = table_for(page, "worries")  # choose several: counts of children choosing each
    assert worries["Being bullied or left out"] == ["2"]  # the first band's wording, unfiltered
    assert worries["Answered"] == ["3"] and worries["Skipped"] == ["1"]
    priorities = table_for(page, "priorities")  # chosen first
    assert priorities["Stopping bullying"] == ["1"]
    assert priorities["Keeping children safe online"] == ["1"]
    assert priorities["Answered"] == ["3"]


def test_split_by_band_and_filter(app, classes, signed_in) -> None:
    client = signed_in("analyst")
    page = soup(client.get("/staff/results/your-voice-matters?split=band"))
    headers = [th.text for th in page.select("#result-trusted_adult thead th")][1:]
    assert headers == ["Primary", "Secondary"]
    trusted = table_for(page, "trusted_adult")
    assert trusted["Yes"] == ["2", "1"] and trusted["No"] == ["1", "0"]
    only = soup(client.get("/staff/results/your-voice-matters?school=Hill+Academy"))
    assert table_for(only, "trusted_adult")["Answered"] == ["2"]
    year5 = soup(client.get("/staff/results/your-voice-matters?year=5&split=year_group"))
    assert table_for(year5, "trusted_adult")["Answered"] == ["3"]
    none = soup(client.get("/staff/results/your-voice-matters?from=2099-01-01"))
    assert "0 sent answers" in none.select_one(".lead").text


def test_headline_with_a_wilson_interval(app, classes, signed_in) -> None:
    page = soup(signed_in("analyst").get("/staff/results/your-voice-matters?split=band"))
    cell = page.select_one("[data-headline='has_trusted_adult-primary']").get_text(" ", strip=True)
    # 2 of 3: 67%, Wilson 95% interval 20.8% to 93.9%.
    assert cell.startswith("67% (21–94%)") and "2 of 3" in cell and "few" in cell


def test_comparing_waves(app, make_session, signed_in) -> None:
    from sqlalchemy import update

    from voice.sessions.models import ClassSession

    old = make_session("secondary", school="Hill Academy", year=9)
    with app.state.voice.engine.begin() as conn:
        conn.execute(update(ClassSession.__table__).where(ClassSession.id == old.id)
                     .values(survey_version="2025-26"))
    add_child(app, old, {"trusted_adult": "no"})
    new = make_session("secondary", school="Hill Academy", year=9)
    add_child(app, new, {"trusted_adult": "yes"})
    page = soup(signed_in("analyst").get("/staff/results/your-voice-matters?split=survey_version"))
    headers = [th.text for th in page.select("#result-trusted_adult thead th")][1:]
    assert headers == ["2025-26", "2026-27"]
    assert table_for(page, "trusted_adult")["Yes"] == ["0", "1"]


def test_new_answers_appear_without_a_restart(app, classes, signed_in) -> None:
    client = signed_in("analyst")
    assert "5 sent" in soup(client.get("/staff/results/your-voice-matters")).select_one(".lead").text
    add_child(app, classes[0], {"trusted_adult": "yes"})
    page = soup(client.get("/staff/results/your-voice-matters"))
    assert "6 sent" in page.select_one(".lead").text
    assert table_for(page, "trusted_adult")["Yes"] == ["4"]


def test_only_analysts_and_admins(app, classes, signed_in) -> None:
    for role in ("facilitator", "partner", "safeguarding"):
        assert signed_in(role).get("/staff/results/your-voice-matters").status_code == 403
    assert signed_in("admin").get("/staff/results/your-voice-matters").status_code == 200
    pack = signed_in("analyst").get("/staff/results/takeover-challenge-primary")
    assert pack.url.path == "/staff/missions/takeover-challenge-primary"
