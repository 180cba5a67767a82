"""Tests of the link-preview images (hooks/social_cards.py): the text layout, the glyphs of every
language, the drawing and its cache, and a card for every page in every language of the real site.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageFont

import social_cards
from conftest import Site, build
from project import copy_project
from test_site import PAGE_LANGUAGE_PAIRS, PAGES
from social_cards import (BOLD_FONT, ELLIPSIS, REGULAR_FONT, TEXT_WIDTH, TITLE_SIZES, Card,
                          SocialCardError, card_path, card_url, draw_card, fit_text, load_font,
                          missing_glyphs, words_of, wrap_text, write_card)


POLISH = "Zażółć gęślą jaźń"
RUSSIAN = "Съешь же ещё этих мягких французских булок"
LONG_TITLE = ("Staged payments, prepayments, deposits and retainers: how freelancers and small "
              "studios agree on money before, during and after every project with their clients")


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    channels = [int(colour[index:index + 2], 16) / 255 for index in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# --------------------------------------------------------------------------------------------
# Text layout


def test_words_keep_dashes_short_words_and_no_break_spaces_together() -> None:
    assert words_of("Оплата — это договор и срок в 30 дней, 100\u00a0%") == [
        "Оплата —", "это", "договор", "и срок", "в 30 дней,", "100\u00a0%"]


def test_wrapping_keeps_whole_words_within_the_width() -> None:
    font = load_font(REGULAR_FONT, 32)
    text = ("Dlaczego freelancerzy i studia proszą o przedpłatę przed startem projektu, co "
            "otrzymujesz w zamian i jak możesz zabezpieczyć swoje pieniądze jako klient.")
    lines = wrap_text(text, font, 500)
    assert len(lines) > 2
    assert " ".join(lines) == text
    assert all(font.getlength(line) <= 500 for line in lines)
    assert not any(line.endswith(" i") or line.endswith(" w") for line in lines)


def test_a_title_that_fits_in_a_smaller_size_is_not_cut() -> None:
    largest = load_font(BOLD_FONT, TITLE_SIZES[0])
    words = LONG_TITLE.split()
    count = next(n for n in range(1, len(words)) if
                 len(wrap_text(" ".join(words[:n]), largest, TEXT_WIDTH)) == 4)
    title = " ".join(words[:count])
    block = fit_text(title, BOLD_FONT, TITLE_SIZES, TEXT_WIDTH, 3)
    assert block.font.size < TITLE_SIZES[0]
    assert len(block.lines) <= 3
    assert " ".join(block.lines) == title


def test_a_title_too_long_for_three_lines_ends_with_an_ellipsis_after_a_whole_word() -> None:
    block = fit_text(LONG_TITLE * 2, BOLD_FONT, TITLE_SIZES, TEXT_WIDTH, 3)
    assert len(block.lines) == 3
    assert block.font.size == TITLE_SIZES[-1]
    assert block.lines[-1].endswith(ELLIPSIS)
    kept = " ".join(block.lines)[:-len(ELLIPSIS)]
    assert (LONG_TITLE * 2).startswith(kept)
    assert (LONG_TITLE * 2)[len(kept)] == " ", f"a word was cut: {kept[-20:]!r}"
    assert all(block.font.getlength(line) <= TEXT_WIDTH for line in block.lines)


def test_a_short_text_keeps_the_largest_size_and_no_ellipsis() -> None:
    block = fit_text("Paid on time", BOLD_FONT, TITLE_SIZES, TEXT_WIDTH, 3)
    assert block.lines == ["Paid on time"]
    assert block.font.size == TITLE_SIZES[0]


def test_only_a_word_wider_than_the_card_is_cut() -> None:
    block = fit_text("Pre" + "payment" * 30, BOLD_FONT, TITLE_SIZES, TEXT_WIDTH, 3)
    assert len(block.lines) == 1 and block.lines[0].endswith(ELLIPSIS)
    assert block.font.getlength(block.lines[0]) <= TEXT_WIDTH


# --------------------------------------------------------------------------------------------
# Glyphs and fonts


@pytest.mark.parametrize("font_name", [REGULAR_FONT, BOLD_FONT])
@pytest.mark.parametrize("text", [POLISH, RUSSIAN, "Paid on time — 100\u00a0% «50/50»"])
def test_the_shipped_fonts_have_every_letter(font_name: str, text: str) -> None:
    assert missing_glyphs(load_font(font_name, 40), text) == []


@pytest.mark.parametrize("text", [POLISH, RUSSIAN])
def test_polish_and_russian_render_as_letters_not_boxes(text: str) -> None:
    font = load_font(BOLD_FONT, 40)
    boxes = social_cards.NO_SUCH_CHARACTER * len(text)
    assert font.getbbox(text) != font.getbbox(boxes)
    assert bytes(font.getmask(text)) != bytes(font.getmask(boxes))


def test_the_glyph_check_catches_a_font_without_the_letters() -> None:
    latin_only = ImageFont.load_default(size=40)  # Pillow's Aileron: no Polish, no Cyrillic
    assert set(missing_glyphs(latin_only, POLISH)) >= {"ż", "ó", "ł", "ć", "ę", "ś", "ą", "ź", "ń"}
    assert "Ъ" in missing_glyphs(latin_only, "Ъ" + RUSSIAN)
    assert missing_glyphs(latin_only, "Paid on time") == []


def test_a_card_with_a_letter_the_font_lacks_is_refused() -> None:
    with pytest.raises(SocialCardError, match=r"title .*'漢' \(U\+6F22\)"):
        draw_card(Card("Paid on time", "Payment terms 漢", "A description."))


def test_a_missing_font_file_names_the_file_and_the_fix(tmp_path: Path) -> None:
    with pytest.raises(SocialCardError) as error:
        load_font(BOLD_FONT, 40, folder=tmp_path)
    message = str(error.value)
    assert str(tmp_path / BOLD_FONT) in message
    assert "restore it from the repository" in message and "fonts-dejavu-core" in message


# --------------------------------------------------------------------------------------------
# Drawing and writing


def test_the_colours_meet_wcag_aa_contrast() -> None:
    assert contrast(social_cards.BACKGROUND, social_cards.BRAND) >= 4.5
    assert contrast(social_cards.TITLE_COLOUR, social_cards.BACKGROUND) >= 4.5
    assert contrast(social_cards.DESCRIPTION_COLOUR, social_cards.BACKGROUND) >= 4.5


def test_a_card_is_1200_by_630_with_the_brand_band() -> None:
    image = draw_card(Card("Оплата вовремя", RUSSIAN, POLISH))
    assert image.size == (1200, 630)
    assert image.getpixel((4, 4)) == (0x3F, 0x51, 0xB5)
    assert image.getpixel((1196, 300)) == (255, 255, 255)


def test_a_card_is_drawn_once_and_then_copied_from_the_cache(tmp_path: Path) -> None:
    card = Card("Zapłata na czas", POLISH, "Opis strony, na tyle długi, by zająć dwa wiersze.")
    first, second = tmp_path / "site" / "a.png", tmp_path / "site" / "b.png"
    assert write_card(card, first, tmp_path / "cache") is True
    assert write_card(card, second, tmp_path / "cache") is False
    assert first.read_bytes() == second.read_bytes()
    changed = Card(card.site_name, card.title + "!", card.description)
    assert write_card(changed, second, tmp_path / "cache") is True
    assert first.read_bytes() != second.read_bytes()
    with Image.open(first) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))


def test_card_path_and_address_include_the_language_folder() -> None:
    assert card_path("", "index").as_posix() == "assets/social/index.png"
    path = card_path("ru/", "why-prepay")
    assert path.as_posix() == "ru/assets/social/why-prepay.png"
    assert card_url("https://payments.example.org/guide/", path) == \
        "https://payments.example.org/guide/ru/assets/social/why-prepay.png"


# --------------------------------------------------------------------------------------------
# The real site


@pytest.mark.parametrize("language,slug", PAGE_LANGUAGE_PAIRS)
def test_every_page_has_its_card_and_points_to_it(site: Site, language: str, slug: str) -> None:
    prefix = "" if language == site.default else f"{language}/"
    path = site.root / prefix / "assets" / "social" / f"{slug}.png"
    assert path.is_file(), f"no social card for {language}/{slug} (expected {path})"
    with Image.open(path) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))
    expected = f"{site.url.rstrip('/')}/{prefix}assets/social/{slug}.png"
    soup = site.soup(language, slug)
    assert soup.find("meta", property="og:image")["content"] == expected
    # MkDocs' page.title has ordinary spaces where the heading has no-break ones ("с\u00a0…").
    title = " ".join(soup.find("h1").get_text().replace("¶", "").split())
    assert " ".join(soup.find("meta", property="og:image:alt")["content"].split()) == title


def test_no_card_is_left_over_from_a_page_that_does_not_exist(site: Site) -> None:
    for language in site.languages:
        cards = {path.stem for path in (site.folder(language) / "assets" / "social").glob("*.png")}
        assert cards == set(PAGES), f"'{language}' cards: {sorted(cards ^ set(PAGES))}"


def test_a_missing_font_stops_the_build_with_the_file_and_the_fix(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "hooks" / "fonts" / BOLD_FONT).unlink()
    result = build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-3000:]
    assert "Traceback" not in output, output[-3000:]
    assert f"hooks/fonts/{BOLD_FONT} is missing" in output, output[-3000:]
    assert "fonts-dejavu-core" in output
