"""Check the site's public address (``site_url``, from the SITE_URL environment variable) first.

Canonical, ``hreflang``, Open Graph and sitemap addresses, the social cards' addresses and the
root path of every link on the not-found pages are built on it, so a value that is not a plain
http(s) address would reach every page. Before anything is built, this hook refuses a value with
another scheme, no host, credentials, a query or fragment, or a character that would need
escaping in HTML or a script (quotes, '&', angle brackets, spaces…), and adds the trailing slash
the joins expect. The templates escape the address as well.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

EXAMPLE = "https://payments.example.org/"
# Anything but RFC 3986's unreserved and reserved characters — less the quote, '&', brackets,
# '?' and '#' — and a '%' that does not start a percent-escape. What is left needs no escaping in
# HTML or in a script, so Material's templates, which print the address's path unescaped on the
# not-found pages, are safe too.
FORBIDDEN_CHARACTER = re.compile(r"%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~:/@!$()*+,;=%]")


class SiteUrlError(ValueError):
    """The site's address is unusable; the message says what is wrong and how to set it."""


def _reason(value: str | None) -> str | None:
    """What makes ``value`` unusable as the site's base address, or None."""
    if not value:
        return "it is empty"
    forbidden = FORBIDDEN_CHARACTER.search(value)
    if forbidden:
        return (f"it contains {forbidden[0]!r} (character {forbidden.start() + 1}), which the "
                "site's address may not hold; leave it out or write its percent-escape")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https"):
        return "it does not start with http:// or https://"
    if not parts.hostname:
        return "it names no host"
    if "@" in parts.netloc:
        return "it carries a user name or password before '@'"
    try:
        parts.port
    except ValueError:
        return "its port is not a number from 0 to 65535"
    return None


def normalized_site_url(value: str | None) -> str:
    """``value`` as the site's base address: http or https, a host, a path ending in '/'.

    Raise SiteUrlError for an empty value, another scheme, no host, credentials, a bad port, or
    a character outside the safe set (quotes, '&', angle brackets, spaces, '?', '#', a stray '%').
    """
    reason = _reason(value)
    if reason:
        raise SiteUrlError(f"site_url {value!r} (from the SITE_URL environment variable or "
                           f"mkdocs.yml): {reason}. Set SITE_URL to the site's public address, "
                           f"such as {EXAMPLE}, or unset it for a local preview.")
    parts = urlsplit(value)
    path = parts.path if parts.path.endswith("/") else f"{parts.path}/"
    return f"{parts.scheme}://{parts.netloc}{path}"


@event_priority(100)  # before every other hook and plugin reads the address
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Stop the build on an unusable ``site_url``; otherwise store it with its trailing slash."""
    try:
        config.site_url = normalized_site_url(config.site_url)
    except SiteUrlError as error:
        raise PluginError(str(error)) from None
    return config
