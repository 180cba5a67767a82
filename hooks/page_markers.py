"""Put generated HTML where a page's marker comments stand (``<!-- templates -->``). Not a hook:
the checklist, kit and interest hooks use it for their data-built parts: :func:`swap_markers` is
plain, and :func:`swap_markers_or_stop` makes a missing marker the build's error."""

from __future__ import annotations


class MissingMarker(ValueError):
    """A page lacks a marker its generated part needs; the message says where to add it."""


def swap_markers(content: str, rendered: dict[str, str], source: str) -> str:
    """``content`` with each marker of ``rendered`` replaced by its HTML.

    Every marker must be on the page (``source`` names it in the error), so a page that lost
    one stops the build rather than silently leaving out its table, form or letters.
    """
    for marker, html in rendered.items():
        if marker not in content:
            raise MissingMarker(f"{source}: the marker {marker} is missing; put it on a line of "
                                "its own where that part of the page belongs.")
        content = content.replace(marker, html)
    return content


def swap_markers_or_stop(content: str, rendered: dict[str, str], source: str) -> str:
    """:func:`swap_markers` inside a build: a missing marker stops it with MkDocs' own error, so
    the reader sees the message and no traceback."""
    from mkdocs.exceptions import PluginError  # only here: the core above needs no MkDocs

    try:
        return swap_markers(content, rendered, source)
    except MissingMarker as error:
        raise PluginError(str(error)) from None
