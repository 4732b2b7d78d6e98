"""The team over a real build of the fixture site: pages, bylines, structured data, refusals."""

import io
import json
import re

import pytest
from PIL import Image

from tests.helpers import FIXTURE_CONTENT, BuiltSite, build_fixture_site

ORIGIN = "http://127.0.0.1:8000"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("team")
    result = build_fixture_site(tmp, {})
    assert result.returncode == 0, result.stderr
    return BuiltSite(tmp / "output", result)


def json_ld(site, url):
    return [json.loads(block) for block in
            re.findall(r'<script type="application/ld\+json">(.*?)</script>', site.html(url), re.S)]


def test_team_page_lists_every_member_with_a_profile(site):
    soup = site.soup("/team/")
    links = [a["href"] for a in soup.select(".member-card .card__title a")]
    assert links == ["/team/robin-fixture/"]
    assert soup.select_one(".member-card").get_text(" ", strip=True).count("Taking new clients") == 1
    assert soup.select_one('section.cta a[href="/book/?from=team"]')


def test_profile_shows_license_specialties_and_articles(site):
    soup = site.soup("/team/robin-fixture/")
    assert soup.h1.get_text() == "Robin Fixture, LMFT"
    facts = soup.select_one("dl.facts").get_text(" ", strip=True)
    assert "Licensed Marriage and Family Therapist, LMFT 111111" in facts
    assert "Springfield State Board of Behavioral Sciences (Springfield State)" in facts
    specialties = {li.get_text(strip=True): li.a for li in soup.select('ul[aria-label="Specialties"] li')}
    assert specialties["Communication"]["href"] == "/topics/communication/"
    written = [a["href"] for a in soup.select("#written-heading ~ .cards a")]
    reviewed = [a["href"] for a in soup.select("#reviewed-heading ~ .cards a")]
    assert written == ["/second-post/"] and reviewed == ["/first-post/"]


def test_bylines_link_to_profiles_and_the_practice_to_the_team(site):
    first = site.soup("/first-post/").select_one(".byline")
    assert first.select_one('a[href="/team/"]').get_text() == "The Uplift team"
    reviewed = next(span for span in first.find_all("span") if span.get_text().startswith("Reviewed by"))
    assert reviewed.a["href"] == "/team/robin-fixture/" and reviewed.time["datetime"] == "2025-11-01"
    second = site.soup("/second-post/").select_one(".byline")
    assert second.a["href"] == "/team/robin-fixture/" and second.a.get_text() == "Robin Fixture, LMFT"


def test_a_profile_is_a_profile_page_about_a_licensed_person(site):
    page = next(block for block in json_ld(site, "/team/robin-fixture/") if block["@type"] == "ProfilePage")
    person = page["mainEntity"]
    assert person["@type"] == "Person" and person["@id"] == f"{ORIGIN}/team/robin-fixture/#person"
    assert person["worksFor"] == {"@id": f"{ORIGIN}/#practice"}
    credential = person["hasCredential"]
    assert credential["@type"] == "EducationalOccupationalCredential"
    assert credential["credentialCategory"] == "license" and credential["identifier"] == "LMFT 111111"
    assert credential["recognizedBy"] == {"@type": "GovernmentOrganization",
                                          "name": "Springfield State Board of Behavioral Sciences"}
    assert credential["validIn"] == [{"@type": "State", "name": "Springfield State"}]
    assert "Physician" not in json.dumps(page)


def test_articles_point_at_their_author_and_reviewer_by_id(site):
    written = next(b for b in json_ld(site, "/second-post/") if b["@type"] == "BlogPosting")
    assert written["author"]["@id"] == f"{ORIGIN}/team/robin-fixture/#person"
    reviewed = next(b for b in json_ld(site, "/first-post/") if b["@type"] == "BlogPosting")
    assert reviewed["author"]["@id"] == f"{ORIGIN}/#practice"
    assert reviewed["mainEntityOfPage"]["reviewedBy"]["@id"] == f"{ORIGIN}/team/robin-fixture/#person"
    assert reviewed["mainEntityOfPage"]["lastReviewed"] == "2025-11-01"
    team = next(b for b in json_ld(site, "/team/") if b["@type"] == "MedicalBusiness")
    assert [person["@id"] for person in team["employee"]] == [f"{ORIGIN}/team/robin-fixture/#person"]


def test_pages_careful_readers_look_for_are_linked_from_every_page(site):
    for url in ("/", "/first-post/", "/team/robin-fixture/"):
        soup = site.soup(url)
        footer = {a["href"] for a in soup.select("footer a")}
        expected = {"/team/", "/first-session/", "/questions/", "/safety/", "/accessibility/", "/privacy/"}
        assert expected <= footer
        assert soup.select_one('.crisis-notice a[href="/safety/"]')


@pytest.mark.parametrize("author, line", [
    ("Robyn Fixture", "Author 'Robyn Fixture' is not a member of the team. Did you mean 'Robin Fixture'?"),
    ("Someone Else", "Author 'Someone Else' is not a member of the team. Use the name"),
])
def test_an_unknown_author_is_refused_with_did_you_mean(tmp_path, author, line):
    post = ("Title: By someone\nDate: 2025-11-02 09:00\nTags: communication\nAuthor: " + author +
            "\nSummary: A post by a name that is not on the team, with a summary long enough for the rules.\n"
            "\nText.\n")
    result = build_fixture_site(tmp_path, {"articles/by-someone.md": post})
    assert result.returncode == 1
    assert f"content/articles/by-someone.md:4: {line}" in result.stderr


def test_problems_in_the_facts_file_stop_the_build_naming_the_line(tmp_path):
    facts = (FIXTURE_CONTENT / "practice.yml").read_text().replace("phone: (555) 010-0142\n", "").replace(
        "https://booking.", "booking.")
    result = build_fixture_site(tmp_path, {"practice.yml": facts})
    assert result.returncode == 1
    assert "content/practice.yml:6: the phone number ('phone') is missing. Add a line 'phone: ...' to the " \
           "file." in result.stderr
    assert "content/practice.yml:17: the online booking address ('booking_url') is not a web address" \
        in result.stderr
    assert "Traceback" not in result.stderr


def test_a_notice_of_privacy_practices_is_linked_when_the_facts_give_one(tmp_path):
    facts = (FIXTURE_CONTENT / "practice.yml").read_text().replace(
        'privacy_notice_url: ""', "privacy_notice_url: https://www.example.com/notice.pdf")
    result = build_fixture_site(tmp_path, {"practice.yml": facts})
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "output" / "index.html").read_text()
    assert '<a href="https://www.example.com/notice.pdf">Notice of privacy practices</a>' in html


def test_a_clinicians_photo_is_a_responsive_picture(tmp_path):
    member = (FIXTURE_CONTENT / "team" / "robin-fixture.md").read_text().replace(
        "New_clients: yes", "Photo: {static}/images/team/robin.jpg\nPhoto_alt: Robin, smiling, by a window\n"
        "New_clients: yes")
    photo = io.BytesIO()
    Image.new("RGB", (1200, 1500), (180, 150, 120)).save(photo, "JPEG")
    result = build_fixture_site(tmp_path, {"team/robin-fixture.md": member,
                                           "images/team/robin.jpg": photo.getvalue()})
    assert result.returncode == 0, result.stderr
    soup = BuiltSite(tmp_path / "output", result).soup("/team/robin-fixture/")
    picture = soup.select_one(".profile__header picture")
    assert picture.source["type"] == "image/webp"
    assert picture.img["alt"] == "Robin, smiling, by a window" and picture.img["width"]
    for candidate in picture.img["srcset"].split(","):
        assert (tmp_path / "output" / candidate.strip().split(" ")[0].lstrip("/")).is_file()


def test_a_license_readers_can_verify_links_to_the_boards_own_page(tmp_path):
    member = (FIXTURE_CONTENT / "team" / "robin-fixture.md").read_text(encoding="utf-8")
    lookup = "https://search.dca.ca.gov/details/2001/LMFT/111111"
    member = member.replace("License_board:", f"License_lookup: {lookup}\nLicense_board:")
    result = build_fixture_site(tmp_path, {"team/robin-fixture.md": member})
    assert result.returncode == 0, result.stderr
    built = BuiltSite(tmp_path / "output", result)
    link = built.soup("/team/robin-fixture/").select_one("dl.facts a")
    assert (link["href"], link.get_text()) == (lookup, "verify this license with the board")
    person = next(block for block in json_ld(built, "/team/robin-fixture/") if block["@type"] == "ProfilePage")
    assert person["mainEntity"]["hasCredential"]["url"] == lookup
