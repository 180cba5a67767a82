"""Issue 13, paths and addresses: every file the build writes stays in the site folder, redirects
are slugs with anchors that exist, SITE_URL is checked and escaped, and ``make build`` warns
without SITE_URL (and refuses with DEPLOY=1).

Bad input is tried on fixture projects (``make_project`` from test_build_errors): each must fail
with exit code 1, a message naming the file and field, no traceback, and nothing written outside
the output folder; good input must build a correct site.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader

from conftest import ROOT, build
from redirects import redirect_problems
from site_paths import SitePathError, path_under_site, write_under_site
from site_url import SiteUrlError, normalized_site_url
from test_build_errors import build_fails_with, edit, make_project

REDIRECTS = "data/redirects.yml"
ENV_SITE_URL = 'site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]'
VENV = ROOT / ".venv"
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


# --------------------------------------------------------------------------------------------
# Helpers


def snapshot(folder: Path) -> set[Path]:
    """Every file and folder under ``folder``."""
    return set(folder.rglob("*"))


def written_outside(tmp_path: Path, before: set[Path]) -> list[Path]:
    """What appeared under ``tmp_path`` since ``before`` other than the site folder and the
    project's own cache of drawn social cards."""
    allowed = (tmp_path / "site", tmp_path / "project" / ".cache", tmp_path / "project" / "site")
    return sorted(path for path in snapshot(tmp_path) - before
                  if not any(path == folder or path.is_relative_to(folder) for folder in allowed))


def project_with_redirects(tmp_path: Path, text: str) -> Path:
    """A fixture project whose data/redirects.yml is ``text``."""
    project = make_project(tmp_path)
    (project / REDIRECTS).write_text(text, encoding="utf-8")
    return project


# --------------------------------------------------------------------------------------------
# site_paths: the one helper for "a path under the site"


def test_a_path_under_the_site_resolves_inside_it(tmp_path: Path) -> None:
    expected = (tmp_path / "ru" / "old" / "index.html").resolve()
    assert path_under_site(tmp_path, "ru/old/index.html") == expected


@pytest.mark.parametrize("relative", ["", "/", "/etc/passwd", "..", "../x", "a/../../x",
                                      "a\\..\\..\\x", "a\0b", "."])
def test_a_path_outside_the_site_is_refused(tmp_path: Path, relative: str) -> None:
    with pytest.raises(SitePathError):
        path_under_site(tmp_path / "site", relative)


def test_a_symbolic_link_out_of_the_site_is_refused(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "site" / "link").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(SitePathError, match="outside the site folder"):
        write_under_site(tmp_path / "site", "link/index.html", b"x")
    assert not (tmp_path / "elsewhere" / "index.html").exists()


def test_writing_without_replace_keeps_other_files(tmp_path: Path) -> None:
    write_under_site(tmp_path, "a/index.html", b"page")
    write_under_site(tmp_path, "a/index.html", b"page", replace=False)  # the same again is fine
    with pytest.raises(SitePathError, match="would replace a file"):
        write_under_site(tmp_path, "a/index.html", b"redirect", replace=False)
    assert (tmp_path / "a/index.html").read_bytes() == b"page"


# --------------------------------------------------------------------------------------------
# SITE_URL


@pytest.mark.parametrize("value, expected", [
    ("https://payments.example.org", "https://payments.example.org/"),
    ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/"),
    ("https://example.org/guide", "https://example.org/guide/"),
    ("https://example.org/a%20b/", "https://example.org/a%20b/"),
])
def test_site_url_gets_a_trailing_slash(value: str, expected: str) -> None:
    assert normalized_site_url(value) == expected


@pytest.mark.parametrize("value, reason", [
    ('https://x.example/"><script>alert(1)</script>', "contains '\"'"),
    ("https://x.example/'onmouseover=alert(1)", "contains \"'\""),
    ("https://x.example/<b>", "contains '<'"),
    ("https://x.example/a b/", "contains ' '"),
    ("https://x.example/?utm=1", "contains '?'"),
    ("https://x.example/#top", "contains '#'"),
    ("https://x.example/100%", "contains '%'"),
    ("javascript:alert(1)", "not start with http:// or https://"),
    ("ftp://x.example/", "not start with http:// or https://"),
    ("x.example", "not start with http:// or https://"),
    ("https:///path/", "names no host"),
    ("https://user:secret@x.example/", "user name or password"),
    ("https://x.example:99999/", "port"),
    ("", "empty"),
    (None, "empty"),
])
def test_an_unusable_site_url_is_refused_with_the_reason(value: str | None, reason: str) -> None:
    with pytest.raises(SiteUrlError) as error:
        normalized_site_url(value)
    assert reason in str(error.value)
    assert "site_url" in str(error.value) and "SITE_URL" in str(error.value)


@pytest.mark.parametrize("site_url, reason", [
    ('https://x.example/"><script>alert(1)</script>', "contains '\"'"),
    ("javascript://x.example/%0Aalert(1)", "not start with http:// or https://"),
])
def test_a_hostile_site_url_stops_the_build(tmp_path: Path, site_url: str, reason: str) -> None:
    project = make_project(tmp_path)
    edit(project / "mkdocs.yml", ENV_SITE_URL, f"site_url: '{site_url}'")
    before = snapshot(tmp_path)
    output = build_fails_with(project, tmp_path, "site_url", reason)
    assert "<script>" not in output.split("site_url", 1)[0]
    assert written_outside(tmp_path, before) == []
    assert not (tmp_path / "site" / "index.html").exists()


def test_site_url_reaches_every_address_intact(tmp_path: Path) -> None:
    """A path with a percent-escape and brackets: canonical, hreflang, Open Graph, sitemap and
    the not-found page's links all start with it, with the trailing slash added."""
    project = make_project(tmp_path)
    edit(project / "mkdocs.yml", ENV_SITE_URL, "site_url: 'https://x.example/a%20b(1)'")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    base = "https://x.example/a%20b(1)/"
    site = tmp_path / "site"
    soup = BeautifulSoup((site / "ru" / "why-prepay" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert soup.find("link", rel="canonical")["href"] == f"{base}ru/why-prepay/"
    assert soup.find("meta", property="og:url")["content"] == f"{base}ru/why-prepay/"
    assert soup.find("meta", property="og:image")["content"].startswith(f"{base}ru/assets/social/")
    hreflangs = {link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate")}
    assert hreflangs == {"en": f"{base}why-prepay/", "ru": f"{base}ru/why-prepay/",
                         "pl": f"{base}pl/why-prepay/", "x-default": f"{base}why-prepay/"}
    not_found = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert [a["href"] for a in not_found.select(".not-found__homes a")] == [
        "/a%20b(1)/", "/a%20b(1)/ru/", "/a%20b(1)/pl/"]
    sitemap = ElementTree.parse(site / "sitemap.xml")
    assert sitemap.findtext("s:url/s:loc", namespaces=SITEMAP) == base


HOSTILE = 'https://x.example/"><script>alert(1)</script>'


def render_override(name: str, **context: object) -> str:
    """Render one of our templates as MkDocs does (no autoescape by default, a ``url`` filter)."""
    env = Environment(loader=FileSystemLoader(ROOT / "overrides"))
    env.filters["url"] = lambda value: value
    return env.get_template(name).render(**context)


def test_meta_tags_escape_every_address_and_text() -> None:
    """Escaped even if an address got past site_url.py: every value goes through autoescape."""
    page = SimpleNamespace(
        title="A <b>title</b>", is_homepage=False, canonical_url=HOSTILE, previous_page=None,
        next_page=None, meta={"description": '"><script>alert(2)</script>',
                              "social_image": HOSTILE, "social_image_alt": "<alt>"})
    config = SimpleNamespace(site_name="Site", site_description="About",
                             theme=SimpleNamespace(favicon="assets/favicon.svg"))
    html = render_override("partials/meta.html", page=page, config=config,
                           alternates=[SimpleNamespace(hreflang="ru", url=HOSTILE)],
                           og_locale="en_GB", og_locale_alternates=['"><script>'])
    assert "<script>" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("link", rel="canonical")["href"] == HOSTILE
    assert soup.find("link", rel="alternate")["href"] == HOSTILE
    assert soup.find("meta", property="og:image")["content"] == HOSTILE
    assert soup.find("meta", property="og:description")["content"] == page.meta["description"]


def test_redirect_page_escapes_for_html_and_encodes_for_its_script() -> None:
    target = '../x/#"+alert(1)+"</script><script>alert(2)</script>'
    html = render_override("redirect.html", target=target, canonical=HOSTILE, language="en")
    assert "<script>alert" not in html and "</script><" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={target}"
    assert soup.a["href"] == target and soup.a.string == HOSTILE
    assert soup.find("link", rel="canonical")["href"] == HOSTILE
    script = soup.script.string
    assert script.startswith("location.replace(") and script.endswith(")")
    assert json.loads(script.removeprefix("location.replace(").removesuffix(")")) == target


# --------------------------------------------------------------------------------------------
# Redirects


PAGES = {"index": {"home"}, "why-prepay": {"why-prepay", "questions"},
         "staged-payments": {"staged-payments", "schemes"}}


@pytest.mark.parametrize("old, new, expected", [
    ("", "why-prepay", "the old address '' is not a page slug"),
    ("../../../../tmp/x", "why-prepay", "'../../../../tmp/x' is not a page slug"),
    ("/etc/cron.d/x", "why-prepay", "is not a page slug"),
    ("old/../x", "why-prepay", "is not a page slug"),
    ("Old", "why-prepay", "is not a page slug"),
    ("ru", "index", "in the folder of the language 'ru'"),
    ("pl/old", "index", "in the folder of the language 'pl'"),
    ("why-prepay", "index", "'why-prepay' is still a page"),
    ("assets", "index", "the site already has files under 'assets/'"),
    ("old", "why-prepay/../../x", "the target 'why-prepay/../../x' is not a page slug"),
    ("old", "nowhere", "the target 'nowhere' is not a page"),
    ("old", 'why-prepay#"+alert(document.domain)+"', "has no heading id '\"+alert"),
    ("old", "why-prepay#</script><script>alert(1)</script>", "has no heading id '</script>"),
    ("old", "why-prepay#schemes", "the page 'why-prepay' has no heading id 'schemes'"),
    ("old", "why-prepay#", "has no heading id ''"),
])
def test_a_bad_redirect_is_named_with_its_reason(old: str, new: str, expected: str) -> None:
    problems = redirect_problems({old: new}, PAGES, "en", "", {"en", "ru", "pl"},
                                 {"assets/stylesheets/site.css", "why-prepay/index.html"})
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{REDIRECTS}: the redirect {old!r}: {new!r} (en): ")
    assert expected in problems[0]


def test_good_redirects_pass() -> None:
    redirects = {"old": "why-prepay", "older": "staged-payments#schemes", "guide/old": "index",
                 "why-prepay-2024": "why-prepay#questions"}
    assert redirect_problems(redirects, PAGES, "ru", "ru/", {"en", "ru", "pl"},
                             {"ru/why-prepay/index.html", "assets/stylesheets/site.css"}) == []


# The probes of the issue, on a fixture project: each stops the build before anything escapes.
REDIRECT_PROBES = {
    "empty-key": ("'': why-prepay", "the redirect '': 'why-prepay' (en): the old address ''"),
    "climbs-out": ("../escaped: why-prepay", "the old address '../escaped' is not a page slug"),
    "climbs-further": ("../../escaped: why-prepay", "the old address '../../escaped' is not"),
    "language-root": ("ru: index", "the redirect 'ru': 'index' (en): the old address 'ru' is in "
                      "the folder of the language 'ru'"),
    "script-in-anchor": ("old: 'why-prepay#\"+alert(document.domain)+\"'",
                         "the page 'why-prepay' has no heading id"),
    "tag-in-anchor": ("old: 'why-prepay#</script><script>alert(1)</script>'",
                      "the page 'why-prepay' has no heading id '</script>"),
    "missing-anchor": ("old: why-prepay#nope", "the page 'why-prepay' has no heading id 'nope'; "
                       "use one of: schemes, why-prepay"),
    "site-folder": ("assets: index", "the site already has files under 'assets/'"),
}


@pytest.mark.parametrize("case", REDIRECT_PROBES)
def test_a_bad_redirect_stops_the_build_and_writes_nothing_outside(tmp_path: Path,
                                                                   case: str) -> None:
    text, expected = REDIRECT_PROBES[case]
    project = project_with_redirects(tmp_path, text)
    before = snapshot(tmp_path)
    output = build_fails_with(project, tmp_path, f"{REDIRECTS}: the redirect", expected)
    assert "Redirects need mending" in output
    assert written_outside(tmp_path, before) == []
    assert not (tmp_path / "escaped").exists() and not (tmp_path.parent / "escaped").exists()
    assert not (tmp_path / "site" / "old").exists()


def test_redirects_forward_in_every_language_with_escaped_addresses(tmp_path: Path) -> None:
    project = project_with_redirects(tmp_path, "old: why-prepay#schemes\n"
                                               "guide/old: staged-payments\n"
                                               "former-home: index\n")
    before = snapshot(tmp_path)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert written_outside(tmp_path, before) == []
    for prefix in ["", "ru/", "pl/"]:
        expected = {  # old address -> (relative target, canonical path, keeps the reader's #hash)
            "old": ("../why-prepay/#schemes", f"{prefix}why-prepay/", False),
            "guide/old": ("../../staged-payments/", f"{prefix}staged-payments/", True),
            "former-home": (".." if prefix == "" else "../", prefix, True),
        }
        for old, (target, canonical, keeps_hash) in expected.items():
            html = (tmp_path / "site" / prefix / old / "index.html").read_text(encoding="utf-8")
            soup = BeautifulSoup(html, "html.parser")
            assert soup.html["lang"] == (prefix.rstrip("/") or "en")
            refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
            assert refresh["content"] == f"0; url={target}"
            assert soup.find("link", rel="canonical")["href"] == \
                f"https://paid-on-time.example/{canonical}"
            hash_kept = " + location.hash" if keeps_hash else ""
            assert soup.script.string == f'location.replace("{target}"{hash_kept})'
            assert soup.a["href"] == target


def test_a_redirect_never_replaces_a_page_of_another_language(tmp_path: Path) -> None:
    """Even past the checks, the writer refuses to put a redirect over a file the build wrote."""
    project = project_with_redirects(tmp_path, "old: index\n")
    edit(project / "hooks" / "redirects.py", "elif old.split(\"/\")[0] in locales:",
         "elif False:")
    edit(project / REDIRECTS, "old: index", "ru: index")
    before = snapshot(tmp_path)
    build_fails_with(project, tmp_path, "data/redirects.yml: the redirect page 'ru/index.html' "
                                        "would replace a file the site already has")
    assert written_outside(tmp_path, before) == []
    ru_home = (tmp_path / "site" / "ru" / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' not in ru_home


# --------------------------------------------------------------------------------------------
# make build: a one-line warning without SITE_URL, a failure with DEPLOY=1


def make_build(project: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    """``make build`` in a fixture project with the project's Makefile and the installed .venv,
    with SITE_URL and DEPLOY only as given (and the scripts `make build` runs, for the PDFs)."""
    shutil.copy(ROOT / "Makefile", project)
    shutil.copytree(ROOT / "scripts", project / "scripts", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    env = {name: value for name, value in os.environ.items() if name not in {"SITE_URL", "DEPLOY"}}
    env.update(variables)
    return subprocess.run(
        ["make", "--no-print-directory", "-o", f"{VENV}/.site-installed", "build", f"VENV={VENV}"],
        cwd=project, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("variables", [{}, {"SITE_URL": ""}, {"DEPLOY": "0"}])
def test_make_build_without_site_url_warns_in_one_line(tmp_path: Path,
                                                       variables: dict[str, str]) -> None:
    project = make_project(tmp_path)
    result = make_build(project, **variables)
    assert result.returncode == 0, result.stderr[-3000:]
    warnings = [line for line in result.stderr.splitlines() if "SITE_URL" in line]
    assert warnings == ["make build: SITE_URL is not set, so every absolute address is "
                        "http://127.0.0.1:8000/ (a preview, not a deployment)"]
    soup = BeautifulSoup((project / "site" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert soup.find("link", rel="canonical")["href"] == "http://127.0.0.1:8000/"


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("variables", [{"DEPLOY": "1"}, {"DEPLOY": "yes", "SITE_URL": " "}])
def test_make_build_for_deployment_needs_site_url(tmp_path: Path,
                                                  variables: dict[str, str]) -> None:
    project = make_project(tmp_path)
    result = make_build(project, **variables)
    assert result.returncode != 0
    assert f"make build DEPLOY={variables['DEPLOY']}: SITE_URL is not set" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_build_for_deployment_with_site_url(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    result = make_build(project, DEPLOY="1", SITE_URL="https://payments.example.org")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "SITE_URL" not in result.stderr
    soup = BeautifulSoup((project / "site" / "pl" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert soup.find("link", rel="canonical")["href"] == "https://payments.example.org/pl/"
