"""The real site's checklist page: the same element ids in every language, every checkbox
labelled, and a decision path that works with plain links."""

from __future__ import annotations

from urllib.parse import urljoin, urlparse

import pytest

from checklist import load_checklist
from conftest import ROOT, Site
from test_site import LANGUAGES, page_url


def data_ids(languages: list[str]) -> list[str]:
    data = load_checklist(ROOT / "data" / "checklist.yml", languages)
    ids = [data.start] + [q.id for q in data.questions] + [o.id for o in data.outcomes]
    ids += [a.id for q in data.questions for a in q.answers]
    return ids + [c.id for c in data.checklists] + [i.id for c in data.checklists for i in c.items]


def element_ids(site: Site, language: str) -> list[str]:
    return [tag["id"] for tag in site.soup(language, "checklist").select(".checklist [id]")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_data_id_is_an_element_id(site: Site, language: str) -> None:
    present = set(element_ids(site, language))
    missing = [identifier for identifier in data_ids(LANGUAGES) if identifier not in present]
    assert not missing, f"{language}/checklist lacks elements {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_same_ids_in_every_language(site: Site, language: str) -> None:
    assert element_ids(site, language) == element_ids(site, site.default)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_checkbox_has_a_label(site: Site, language: str) -> None:
    soup = site.soup(language, "checklist")
    boxes = soup.select(".checklist input[type=checkbox]")
    assert len(boxes) >= 25
    for box in boxes:
        label = soup.find("label", attrs={"for": box["id"]})
        assert label and label.get_text(strip=True), f"{language}: #{box['id']} has no label"


@pytest.mark.parametrize("language", LANGUAGES)
def test_decision_path_works_with_plain_links(site: Site, language: str) -> None:
    soup = site.soup(language, "checklist")
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    answers = soup.select(".checklist-answers a[href]")
    assert answers
    for answer in answers:
        assert answer["href"].startswith("#") and answer["href"][1:] in ids, answer


@pytest.mark.parametrize("language", LANGUAGES)
def test_guidance_links_lead_to_existing_sections(site: Site, language: str) -> None:
    here = page_url(site, language, "checklist")
    soup = site.soup(language, "checklist")
    # The proposal kit's addresses lead to the client's language (test_checklist_tool.py).
    for link in soup.select(".checklist-outcome a[href]:not([data-kit-address]), "
                            ".checklist-item__why a[href]"):
        if link["href"].startswith("#"):
            continue
        target = urlparse(urljoin(here, link["href"]))
        path = target.path.strip("/")
        slug_parts = path.split("/")
        target_language = slug_parts[0] if slug_parts[0] in LANGUAGES else site.default
        slug = "/".join(slug_parts[1:] if slug_parts[0] in LANGUAGES else slug_parts) or "index"
        assert target_language == language, f"{link['href']} leaves the '{language}' site"
        page = site.soup(target_language, slug)
        if target.fragment:
            assert page.find(id=target.fragment), f"{link['href']} has no target"
