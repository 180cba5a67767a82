"""Draw a link-preview image ("social card") for every page, in every language, at build time.

Each card is a 1200×630 PNG in the site's indigo with the language's site name, the page title
and the page's front-matter ``description``, drawn with Pillow in DejaVu Sans from
``hooks/fonts/`` (shipped with the project: no system font, no network), so Cyrillic and Polish
letters come out as letters. The card of ``docs/ru/why-prepay.md`` is written to
``<site>/ru/assets/social/why-prepay.png``; the page gets its absolute address in
``page.meta["social_image"]`` and a text for it in ``page.meta["social_image_alt"]``, for the
template's ``og:image``. A drawn card is kept in ``.cache/social-cards/`` under a hash of
everything that shapes it, so a rebuild (``mkdocs serve`` cleans the site on every change)
copies it instead of drawing it again.

The core is plain functions — :func:`load_font`, :func:`wrap_text`, :func:`fit_text`,
:func:`draw_card` and :func:`write_card` — that know nothing of MkDocs; :func:`on_page_context`
is the thin layer MkDocs calls. It runs on ``page_context`` because there ``page.title`` is the
rendered H1 (on ``page_markdown`` it still holds ``{#id}``) and the page template is rendered
right after it, with the meta set.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import quote

import PIL
from PIL import Image, ImageDraw, ImageFont
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext
from site_languages import current_language, page_slug, read_site_languages
from site_paths import SitePathError, path_under_site

FONT_FOLDER = Path(__file__).resolve().parent / "fonts"
REGULAR_FONT = "DejaVuSans.ttf"
BOLD_FONT = "DejaVuSans-Bold.ttf"
FONT_SOURCE = "/usr/share/fonts/truetype/dejavu/ (Debian package fonts-dejavu-core)"
CARD_FOLDER = "assets/social"
CACHE_FOLDER = ".cache/social-cards"

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
TEXT_WIDTH = WIDTH - 2 * MARGIN
BAND_HEIGHT = 112
BRAND = "#3f51b5"  # Material's "indigo", the site's primary colour; white on it is 6.9:1
BACKGROUND = "#ffffff"
TITLE_COLOUR = "#1a1c2e"  # near-black with a hint of indigo, 16:1 on white
DESCRIPTION_COLOUR = "#45485a"  # 9:1 on white
SITE_NAME_SIZES = (38, 34, 30)
TITLE_SIZES = (64, 58, 52, 46)
DESCRIPTION_SIZES = (32, 30, 28)
TITLE_LINE_HEIGHT = 1.18
DESCRIPTION_LINE_HEIGHT = 1.42
TITLE_GAP = 36  # between the title and the accent rule, and the rule and the description
RULE = (88, 6)  # width and height of the indigo rule between title and description
MAX_LINES = 3
ELLIPSIS = "…"
# Words are separated by ordinary spaces only: a no-break space ("100 %") keeps its words together.
SPACES = re.compile(r"[ \t\r\n]+")
DASHES = {"—", "–", "-"}
# A character no font has: every font draws it as its "missing glyph" box (.notdef).
NO_SUCH_CHARACTER = "\U0010fffd"


class SocialCardError(Exception):
    """A card cannot be drawn; the message says why and how to fix it."""


@dataclass(frozen=True)
class Card:
    """What a card shows: the site's name, the page title and the page description."""

    site_name: str
    title: str
    description: str


@dataclass(frozen=True)
class TextBlock:
    """Text broken into lines that fit, with the font (and so the size) they are drawn in."""

    font: ImageFont.FreeTypeFont
    lines: list[str]


# --------------------------------------------------------------------------------------------
# Fonts


def font_path(name: str, folder: Path = FONT_FOLDER) -> Path:
    """The path of a shipped font file; raise SocialCardError naming it if it is missing."""
    path = folder / name
    if not path.is_file():
        raise SocialCardError(
            f"the font file {path} is missing; restore it from the repository, or copy "
            f"{name} from {FONT_SOURCE} into {folder}/.")
    return path


@lru_cache(maxsize=None)
def load_font(name: str, size: int, folder: Path = FONT_FOLDER) -> ImageFont.FreeTypeFont:
    """Load a shipped font at a size, with Pillow's basic layout (the same on every machine)."""
    path = font_path(name, folder)
    try:
        return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)
    except OSError as error:
        raise SocialCardError(f"the font file {path} cannot be read ({error}); restore it from "
                              f"the repository or copy {name} from {FONT_SOURCE}.") from None


def missing_glyphs(font: ImageFont.FreeTypeFont, text: str) -> list[str]:
    """The characters of ``text`` that ``font`` has no glyph for (it would draw a box)."""
    box = font.getmask(NO_SUCH_CHARACTER)
    missing: list[str] = []
    for character in dict.fromkeys(text):
        if character.isspace() and character != "\u00a0":
            continue
        mask = font.getmask(character)
        if mask.size == box.size and bytes(mask) == bytes(box):
            missing.append(character)
    return missing


# --------------------------------------------------------------------------------------------
# Text


def words_of(text: str) -> list[str]:
    """Split a text into the units a line may break between.

    A lone dash stays with the word before it, so no line starts with "—"; a one-letter word
    ("и", "w", "a") and a number ("30 dni") stay with the word after it, so none ends a line
    (Russian and Polish typography).
    """
    words: list[str] = []
    glue_to_previous = False
    for word in SPACES.split(text.strip()):
        if not word:
            continue
        if words and (glue_to_previous or word in DASHES):
            words[-1] = f"{words[-1]} {word}"
        else:
            words.append(word)
        glue_to_previous = (len(word) == 1 and word.isalpha()) or word.isdigit()
    return words


def wrap_text(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Break ``text`` into lines no wider than ``width``, between words only.

    A word wider than ``width`` on its own gets a line of its own (and is wider than ``width``).
    """
    lines: list[str] = []
    for word in words_of(text):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def ellipsize(words: list[str], font: ImageFont.FreeTypeFont, width: int) -> str:
    """The most leading whole ``words`` that fit in ``width`` with an ellipsis after them.

    If not even the first word fits, it is cut: there is no other way.
    """
    for count in range(len(words), 0, -1):
        line = " ".join(words[:count]) + ELLIPSIS
        if font.getlength(line) <= width:
            return line
    word = words[0] if words else ""
    while word and font.getlength(word + ELLIPSIS) > width:
        word = word[:-1]
    return word + ELLIPSIS


def fit_text(text: str, font_name: str, sizes: tuple[int, ...], width: int,
             max_lines: int) -> TextBlock:
    """Wrap ``text`` in the largest of ``sizes`` that fits ``max_lines`` lines of ``width``.

    Words are never cut: only if the smallest size still needs more lines does the last line end
    with an ellipsis after the last whole word that fits (and only a word wider than ``width`` on
    its own is cut, with an ellipsis).
    """
    for size in sizes:
        font = load_font(font_name, size)
        lines = wrap_text(text, font, width)
        if len(lines) <= max_lines and all(font.getlength(line) <= width for line in lines):
            return TextBlock(font, lines)
    if len(lines) > max_lines:
        rest = words_of(" ".join(lines[max_lines - 1:]))
        lines = lines[:max_lines - 1] + [ellipsize(rest, font, width)]
    fitted = [line if font.getlength(line) <= width else ellipsize([line], font, width)
              for line in lines]
    return TextBlock(font, fitted)


# --------------------------------------------------------------------------------------------
# Drawing


def check_glyphs(card: Card) -> None:
    """Raise SocialCardError if a text of the card has characters the shipped fonts lack."""
    problems = []
    for label, text, font_name in (("site name", card.site_name, BOLD_FONT),
                                   ("title", card.title, BOLD_FONT),
                                   ("description", card.description, REGULAR_FONT)):
        missing = missing_glyphs(load_font(font_name, 32), text)
        if missing:
            listed = ", ".join(f"'{character}' (U+{ord(character):04X})" for character in missing)
            problems.append(f"the {label} has characters {font_name} has no glyph for: {listed}")
    if problems:
        raise SocialCardError("; ".join(problems) + "; write them differently or ship a font "
                              "that has them in hooks/fonts/.")


def _block_height(block: TextBlock, line_height: float) -> int:
    if not block.lines:
        return 0
    ascent, descent = block.font.getmetrics()
    return ascent + descent + round((len(block.lines) - 1) * block.font.size * line_height)


def _draw_block(draw: ImageDraw.ImageDraw, block: TextBlock, top: int, line_height: float,
                colour: str) -> None:
    ascent, _ = block.font.getmetrics()
    for index, line in enumerate(block.lines):
        baseline = top + ascent + round(index * block.font.size * line_height)
        draw.text((MARGIN, baseline), line, font=block.font, fill=colour, anchor="ls")


def draw_card(card: Card) -> Image.Image:
    """Draw the card: the site name on an indigo band, then the title and the description."""
    check_glyphs(card)
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, BAND_HEIGHT - 1), fill=BRAND)
    site_name = fit_text(card.site_name, BOLD_FONT, SITE_NAME_SIZES, TEXT_WIDTH, 1)
    draw.text((MARGIN, BAND_HEIGHT // 2), " ".join(site_name.lines), font=site_name.font,
              fill=BACKGROUND, anchor="lm")
    draw.rectangle((0, HEIGHT - RULE[1], WIDTH, HEIGHT), fill=BRAND)

    title = fit_text(card.title, BOLD_FONT, TITLE_SIZES, TEXT_WIDTH, MAX_LINES)
    description = fit_text(card.description, REGULAR_FONT, DESCRIPTION_SIZES, TEXT_WIDTH,
                           MAX_LINES)
    title_height = _block_height(title, TITLE_LINE_HEIGHT)
    description_height = _block_height(description, DESCRIPTION_LINE_HEIGHT)
    rule_height = RULE[1] + 2 * TITLE_GAP if description.lines else 0
    body_top, body_bottom = BAND_HEIGHT, HEIGHT - RULE[1]
    top = body_top + (body_bottom - body_top - title_height - rule_height - description_height) // 2
    _draw_block(draw, title, top, TITLE_LINE_HEIGHT, TITLE_COLOUR)
    if description.lines:
        rule_top = top + title_height + TITLE_GAP
        draw.rectangle((MARGIN, rule_top, MARGIN + RULE[0] - 1, rule_top + RULE[1] - 1),
                       fill=BRAND)
        _draw_block(draw, description, rule_top + RULE[1] + TITLE_GAP, DESCRIPTION_LINE_HEIGHT,
                    DESCRIPTION_COLOUR)
    return image


@lru_cache(maxsize=1)
def _drawing_fingerprint() -> bytes:
    """A hash of what draws every card: this module, the fonts and Pillow's version."""
    digest = hashlib.sha256(PIL.__version__.encode())
    for path in (Path(__file__), font_path(REGULAR_FONT), font_path(BOLD_FONT)):
        digest.update(path.read_bytes())
    return digest.digest()


def card_key(card: Card) -> str:
    """A name for the card's image that changes whenever anything that shapes it changes."""
    digest = hashlib.sha256(_drawing_fingerprint())
    for text in (card.site_name, card.title, card.description):
        digest.update(text.encode() + b"\0")
    return digest.hexdigest()[:32]


def write_card(card: Card, target: Path, cache_folder: Path) -> bool:
    """Write the card's PNG to ``target``, drawing it only if the cache lacks it.

    Returns True if the card was drawn, False if it was copied from ``cache_folder``.
    """
    cached = cache_folder / f"{card_key(card)}.png"
    drawn = not cached.is_file()
    if drawn:
        cache_folder.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(f"{cached.stem}.{os.getpid()}.part")
        draw_card(card).save(partial, format="PNG")
        os.replace(partial, cached)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, target)
    return drawn


def card_path(language_prefix: str, slug: str) -> PurePosixPath:
    """Where a page's card lives, relative to the site folder: ``ru/assets/social/<slug>.png``."""
    return PurePosixPath(language_prefix, CARD_FOLDER, f"{slug}.png")


def card_url(site_url: str, path: PurePosixPath) -> str:
    """The absolute address of a card: the site's address joined with its path."""
    return f"{site_url.rstrip('/')}/{quote(path.as_posix())}"


# --------------------------------------------------------------------------------------------
# The MkDocs layer


def on_page_context(context: TemplateContext, page: Page, config: MkDocsConfig,
                    nav: Navigation) -> TemplateContext:
    """Write the page's card and give the template its address, before the page is rendered.

    ``config.site_dir`` and ``config.site_url`` (checked by ``site_url.py``) are the site root's
    in every language; the language's folder ('' or 'ru/') is part of the card's path, which
    :mod:`site_paths` keeps inside the site folder.
    """
    language = current_language(config)
    prefix = next(entry.prefix for entry in read_site_languages(config) if entry.locale == language)
    slug = page_slug(page.file.src_uri, language)
    path = card_path(prefix, slug)
    card = Card(site_name=config.site_name, title=page.title or slug,
                description=str(page.meta.get("description") or ""))
    try:
        write_card(card, path_under_site(config.site_dir, path),
                   Path(config.config_file_path).parent / CACHE_FOLDER)
    except (SocialCardError, SitePathError) as error:
        raise PluginError(f"{page.file.src_uri} ({language}) social card: {error}") from None
    page.meta["social_image"] = card_url(config.site_url, path)
    page.meta["social_image_alt"] = card.title
    return context
