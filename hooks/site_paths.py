"""Every file a hook writes lands inside the site folder: one checked way to name such a path.

Not a hook itself: ``redirects.py``, ``not_found.py`` and ``social_cards.py`` import it. A
path comes from data (a redirect's old slug), from configuration (a language's folder) or from a
page's name, so it is checked before anything is written: relative, no ``..``, no backslash or
NUL, and — resolved, symbolic links followed — inside the site folder and not the folder itself.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath


class SitePathError(ValueError):
    """A hook may not write this path: it is outside the site folder, or it would replace a
    file the site already has. The message names the path and why."""


def path_under_site(site_dir: Path | str, relative: str | PurePosixPath) -> Path:
    """The resolved absolute path of ``relative`` (a '/'-separated path) inside ``site_dir``.

    Raise SitePathError for an empty or absolute path, a ``..`` part, a backslash or NUL, or a
    path that resolves outside ``site_dir`` or to the folder itself (through a symbolic link, say).
    """
    text = str(relative)
    if not text or text.startswith("/") or "\\" in text or "\0" in text:
        raise SitePathError(f"'{text}' is not a relative path inside the site folder")
    parts = PurePosixPath(text).parts
    if ".." in parts:
        raise SitePathError(f"'{text}' climbs out of the site folder with '..'")
    root = Path(site_dir).resolve()
    target = root.joinpath(*parts).resolve()
    if target == root or not target.is_relative_to(root):
        raise SitePathError(f"'{text}' resolves to {target}, outside the site folder {root}")
    return target


def write_under_site(site_dir: Path | str, relative: str | PurePosixPath, content: bytes, *,
                     replace: bool = True) -> Path:
    """Write ``content`` to ``relative`` inside ``site_dir`` (checked by :func:`path_under_site`),
    creating its folders; return the path written.

    With ``replace=False``, raise SitePathError rather than replace a file with other content
    (the same content again is fine: the i18n plugin runs ``post_build`` once per language).
    """
    target = path_under_site(site_dir, relative)
    if not replace and target.exists() and (not target.is_file()
                                            or target.read_bytes() != content):
        raise SitePathError(f"'{relative}' would replace a file the site already has")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return target
