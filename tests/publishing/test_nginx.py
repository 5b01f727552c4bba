"""The built site behind a real nginx with scripts/nginx/vakb.conf: what a reader's browser receives.

Status codes and languages of 404s, directory redirects, security headers on every kind of
response, caching, gzip, the JSON export and the offline zip download.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
import shutil
import urllib.parse

import pytest

from vakb.build_steps import csp as csp_hashes
from vakb import release
from conftest import ROOT
from nginx_server import NOT_A_BUNDLE, TEST_ZIP, nginx, running_nginx  # noqa: F401 (fixture)

HTML_LANG = re.compile(rb'<html lang="([a-z]+)"')
# Every inline <script> without src, JSON data blocks aside: an independent reading of the pages.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S)


def lang_of(body: bytes) -> str:
    match = HTML_LANG.search(body)
    assert match, f"no <html lang> in {body[:200]!r}"
    return match.group(1).decode()


def csp_directives(response) -> dict[str, list[str]]:
    policy = response.header("Content-Security-Policy")
    assert policy, "no Content-Security-Policy header"
    directives = {}
    for part in filter(None, (p.strip() for p in policy.split(";"))):
        name, *values = part.split()
        directives[name] = values
    return directives


def one_asset(site_dir, pattern: str) -> str:
    matches = sorted(site_dir.glob(pattern))
    assert matches, f"the build has no {pattern}"
    return "/" + matches[0].relative_to(site_dir).as_posix()


# -- 404s and directory URLs ------------------------------------------------------------------------

@pytest.mark.parametrize("path, lang", [
    ("/no-such-page/", "en"),
    ("/errors/0xdeadbeef/", "en"),
    ("/assets/javascripts/missing.js", "en"),
    ("/404.html", "en"),
    ("/fr/no-such-page/", "fr"),
    ("/fr/errors/0xdeadbeef/", "fr"),
    ("/fr/404.html", "fr"),
    # Folders without a page: nginx's default answer would be its own English "403 Forbidden".
    ("/assets/", "en"),
    ("/assets/javascripts/", "en"),
    ("/api/", "en"),
    ("/search/", "en"),
    ("/fr/search/", "fr"),
])
def test_missing_pages_get_status_404_in_their_language(nginx, site_dir, path, lang):
    response = nginx.get(path)
    assert response.status == 404
    assert response.header("Content-Type") == "text/html; charset=utf-8"
    assert lang_of(response.body) == lang
    expected = site_dir / ("fr/404.html" if lang == "fr" else "404.html")
    assert response.body == expected.read_bytes(), f"{path} did not get the site's {lang} 404 page"


@pytest.mark.parametrize("path", ["/fr/how-kms-works", "/how-kms-works", "/fr", "/errors"])
def test_directory_urls_redirect_to_their_slash_form(nginx, path):
    response = nginx.get(path)
    assert response.status == 301
    # Relative, so it stays right behind a TLS proxy or on another port.
    assert response.header("Location") == path + "/"
    assert nginx.get(path + "/").status == 200


def test_pages_are_served_in_their_language(nginx):
    assert lang_of(nginx.get("/how-kms-works/").body) == "en"
    assert lang_of(nginx.get("/fr/how-kms-works/").body) == "fr"


# -- security headers --------------------------------------------------------------------------------

def every_kind_of_response(site_dir) -> list[tuple[str, int]]:
    return [
        ("/", 200), ("/fr/", 200), ("/fr/how-kms-works/", 200),
        (one_asset(site_dir, "assets/stylesheets/main.*.min.css"), 200),
        (one_asset(site_dir, "assets/javascripts/bundle.*.min.js"), 200),
        ("/assets/stylesheets/vakb.css", 200),
        (one_asset(site_dir, "assets/images/*.svg"), 200),
        ("/search/search_index.json", 200), ("/fr/search/search_index.json", 200),
        ("/sitemap.xml", 200),
        (f"/download/{TEST_ZIP}", 200),
        ("/fr/how-kms-works", 301),
        ("/no-such-page/", 404), ("/fr/no-such-page/", 404), ("/assets/missing.min.js", 404),
    ]


def test_security_headers_on_every_response(nginx, site_dir):
    hashes = re.findall(r"'sha256-[A-Za-z0-9+/=]+'", (site_dir / csp_hashes.CONF_NAME).read_text())
    assert hashes, "csp-hashes.conf lists no hash"
    problems = []
    for path, status in every_kind_of_response(site_dir):
        response = nginx.get(path)
        if response.status != status:
            problems.append(f"{path}: status {response.status}, expected {status}")
            continue
        csp = csp_directives(response)
        expected = {
            "default-src": ["'self'"], "script-src": ["'self'", *hashes], "worker-src": ["'self'"],
            "style-src": ["'self'"], "img-src": ["'self'", "data:"],
            "font-src": ["'self'"], "connect-src": ["'self'"], "object-src": ["'none'"],
            "base-uri": ["'self'"], "form-action": ["'self'"], "frame-ancestors": ["'none'"],
        }
        for name, values in expected.items():
            if csp.get(name) != values:
                problems.append(f"{path}: CSP {name} is {csp.get(name)}, expected {values}")
        if {"'unsafe-inline'", "'unsafe-eval'"} & set(csp.get("script-src", []) + csp.get("default-src", [])):
            problems.append(f"{path}: scripts allowed inline or through eval")
        for name, value in [("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"),
                            ("Referrer-Policy", "same-origin")]:
            if response.header(name) != value:
                problems.append(f"{path}: {name} is {response.header(name)!r}, expected {value!r}")
        permissions = response.header("Permissions-Policy") or ""
        if not all(f"{feature}=()" in permissions for feature in ("camera", "microphone", "geolocation")):
            problems.append(f"{path}: Permissions-Policy {permissions!r} allows camera, microphone or geolocation")
        for name, value in [("Cross-Origin-Opener-Policy", "same-origin"),
                            ("Cross-Origin-Resource-Policy", "same-origin")]:
            if response.header(name) != value:
                problems.append(f"{path}: {name} is {response.header(name)!r}, expected {value!r}")
        if response.header("Strict-Transport-Security") is not None:
            problems.append(f"{path}: HSTS sent although this server did not opt in")
        if response.header("Server") != "nginx":
            problems.append(f"{path}: Server header {response.header('Server')!r} tells the version")
    assert not problems, "\n".join(problems)


HSTS = "max-age=63072000; includeSubDomains"


def test_hsts_is_sent_on_every_response_once_the_server_opts_in(site_dir, tmp_path):
    with running_nginx(site_dir, tmp_path, hsts=HSTS) as server:
        responses = [(path, server.get(path)) for path, _ in every_kind_of_response(site_dir)]
        responses.append(("(URL too long)", server.get("/" + "a" * 9000)))
        responses.append(("(POST)", server.get("/", method="POST")))
    problems = [f"{path}: Strict-Transport-Security is {response.header('Strict-Transport-Security')!r}"
                for path, response in responses if response.header("Strict-Transport-Security") != HSTS]
    assert not problems, "\n".join(problems)


def test_csp_hashes_are_those_of_the_inline_scripts_of_the_pages(site_dir):
    """The build's hash list, against an independent reading of every page (a regex, not the parser)."""
    expected = set()
    for page in site_dir.rglob("*.html"):
        for script in INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")):
            digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
            expected.add(f"'sha256-{digest}'")
    listed = set(re.findall(r"'sha256-[A-Za-z0-9+/=]+'", (site_dir / csp_hashes.CONF_NAME).read_text()))
    assert expected, "no inline script found: Material writes some on every page"
    assert listed == expected


def test_csp_hash_parser_reads_scripts_as_the_browser_hashes_them():
    # The example of the CSP specification: this script text hashes to this source expression.
    page = csp_hashes.scan_page("<p>x</p><script>alert('Hello, world.');</script>"
                                '<script id="__config" type="application/json">{"a": 1}</script>'
                                '<script src="/a.js"></script><button onclick="go()">x</button>'
                                '<a href="javascript:go()">y</a>')
    spec_example = "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    assert [csp_hashes.csp_source(script) for script in page.scripts] == [spec_example]
    assert page.unhashable == ["<button onclick=...>", "<a href=javascript:...>"]


def test_build_configuration_file_is_not_served(nginx, site_dir):
    assert (site_dir / csp_hashes.CONF_NAME).exists()
    response = nginx.get("/" + csp_hashes.CONF_NAME)
    assert response.status == 404
    assert b"vakb_csp" not in response.body  # the 404 page's own policy carries hashes, not this file


# -- dotfiles, odd requests ---------------------------------------------------------------------------

@pytest.fixture
def planted_dotfiles(site_dir):
    """Files a careless deployment leaves in the web root (a git checkout, an editor's backup)."""
    planted = {".git/HEAD": "ref: refs/heads/main\n", ".env": "SECRET=1\n", "fr/.htaccess": "deny\n",
               "assets/.DS_Store": "x\n"}
    for rel, text in planted.items():
        (site_dir / rel).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / rel).write_text(text)
    yield planted
    for rel in planted:
        (site_dir / rel).unlink()
    (site_dir / ".git").rmdir()


@pytest.mark.parametrize("path, lang", [("/.git/HEAD", "en"), ("/.git/", "en"), ("/.env", "en"),
                                        ("/fr/.htaccess", "fr"), ("/assets/.DS_Store", "en"),
                                        ("/%2Egit/HEAD", "en")])
def test_dotfiles_are_never_served(nginx, site_dir, planted_dotfiles, path, lang):
    response = nginx.get(path)
    assert response.status == 404, f"{path}: {response.status}"
    expected = site_dir / ("fr/404.html" if lang == "fr" else "404.html")
    assert response.body == expected.read_bytes(), f"{path} did not get the site's {lang} 404 page"
    assert not any(text.encode() in response.body for text in planted_dotfiles.values())


def test_acme_challenges_stay_reachable(nginx, site_dir):
    # certbot --webroot writes its HTTP-01 token there: denying dotfiles must not break renewal.
    token = site_dir / ".well-known" / "acme-challenge" / "token-123"
    token.parent.mkdir(parents=True)
    token.write_text("token-123.key\n")
    try:
        response = nginx.get("/.well-known/acme-challenge/token-123")
        assert response.status == 200 and response.body == b"token-123.key\n"
        assert nginx.get("/.well-known/other").status == 404
    finally:
        shutil.rmtree(site_dir / ".well-known")


@pytest.mark.parametrize("path, accepted", [("/api/errors.json", True), ("/how-kms-works/", False),
                                            (f"/download/{TEST_ZIP}", False)])
def test_an_unsatisfiable_range_sends_each_header_once(errors_json, path, accepted):
    server, _ = errors_json
    response = server.get(path, {"Range": "bytes=999999999-", "Origin": "https://helpdesk.example.net"})
    assert response.status in (200, 416), f"{path}: {response.status}"
    repeated = [name for name in set(response.headers.keys()) if len(response.headers.get_all(name)) > 1]
    assert repeated == [], f"{path}: headers sent more than once: {repeated}"
    assert response.header("Content-Security-Policy")
    assert (response.header("Access-Control-Allow-Origin") == "*") == accepted
    assert b"<center>nginx</center>" not in response.body


def test_other_methods_get_405_with_allow(nginx):
    for method in ("POST", "DELETE", "PUT"):
        response = nginx.get("/how-kms-works/", method=method)
        assert response.status == 405, f"{method}: {response.status}"
        assert response.header("Allow") == "GET, HEAD"
        assert response.header("X-Content-Type-Options") == "nosniff"
        assert b"<center>nginx</center>" not in response.body
        assert "GET" in response.body.decode("utf-8") and "Seules" in response.body.decode("utf-8")


def test_a_url_too_long_gets_a_bilingual_page_and_no_warning(nginx):
    response = nginx.get("/errors/?" + "q=0xC004F074&" * 800)
    assert response.status == 414
    assert response.header("Content-Type") == "text/html; charset=utf-8"
    assert lang_of(response.body) == "en"
    text = response.body.decode("utf-8")
    assert "too long" in text and "trop longue" in text, text
    assert '<html lang="en">' in text and 'lang="fr"' in text  # each language marked as such
    assert "<center>nginx</center>" not in text
    assert response.header("Content-Security-Policy")
    assert "uninitialized" not in nginx.error_log()


def test_a_malformed_request_gets_400_and_no_warning(nginx):
    response = nginx.raw(b"GARBAGE\r\n\r\n")
    assert response.status == 400
    text = response.body.decode("utf-8")
    assert "could not be read" in text and "illisible" in text, text
    assert response.header("X-Content-Type-Options") == "nosniff"
    assert "uninitialized" not in nginx.error_log()


# -- caching ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("pattern", ["assets/stylesheets/main.*.min.css", "assets/javascripts/bundle.*.min.js",
                                     "assets/javascripts/workers/search.*.min.js"])
def test_fingerprinted_assets_are_cached_for_a_year(nginx, site_dir, pattern):
    response = nginx.get(one_asset(site_dir, pattern))
    assert response.status == 200
    assert response.header("Cache-Control") == "public, max-age=31536000, immutable"


@pytest.mark.parametrize("path", ["/", "/fr/how-kms-works/", "/assets/stylesheets/vakb.css",
                                  "/search/search_index.json", "/sitemap.xml"])
def test_pages_and_unversioned_files_revalidate(nginx, path):
    response = nginx.get(path)
    assert response.status == 200
    assert response.header("Cache-Control") == "no-cache"
    etag = response.header("ETag")
    assert etag, f"{path}: no ETag to revalidate with"
    again = nginx.get(path, {"If-None-Match": etag})
    assert again.status == 304 and again.body == b""


# -- gzip --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path_or_pattern, content_type", [
    ("/fr/how-kms-works/", "text/html; charset=utf-8"),
    ("assets/stylesheets/main.*.min.css", "text/css"),
    ("assets/javascripts/bundle.*.min.js", "application/javascript; charset=utf-8"),
    ("/search/search_index.json", "application/json"),
    ("/sitemap.xml", "text/xml; charset=utf-8"),
    ("/assets/stylesheets/vakb.css", "text/css"),
])
def test_text_is_compressed_for_clients_that_accept_gzip(nginx, site_dir, path_or_pattern, content_type):
    path = path_or_pattern if path_or_pattern.startswith("/") else one_asset(site_dir, path_or_pattern)
    original = site_dir / path.lstrip("/")
    if path.endswith("/"):
        original = original / "index.html"
    compressed = nginx.get(path, {"Accept-Encoding": "gzip"})
    assert compressed.status == 200
    assert compressed.header("Content-Type") == content_type
    assert compressed.header("Content-Encoding") == "gzip"
    assert compressed.header("Vary") == "Accept-Encoding"
    assert gzip.decompress(compressed.body) == original.read_bytes()
    # Sent from the build's copy (gzip_static), not compressed again for this request: the very
    # bytes of <file>.gz, with a length known in advance (on-the-fly gzip is chunked).
    copy = original.with_name(original.name + ".gz")
    assert copy.exists(), f"the build wrote no {copy.name} beside {path}"
    assert compressed.body == copy.read_bytes()
    assert compressed.header("Content-Length") == str(copy.stat().st_size)
    plain = nginx.get(path)
    assert plain.header("Content-Encoding") is None and plain.body == original.read_bytes()


def test_every_text_file_has_a_gzip_copy_and_nothing_else_has(site_dir):
    text = {".html", ".css", ".js", ".json", ".xml", ".svg"}
    missing = [p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*")
               if p.suffix in text and p.stat().st_size >= 1024 and not p.with_name(p.name + ".gz").exists()]
    assert missing == []
    for copy in site_dir.rglob("*.gz"):
        original = copy.with_suffix("")
        assert original.suffix in text, f"{copy.name}: a gzip copy of a file that is not text"
        assert gzip.decompress(copy.read_bytes()) == original.read_bytes(), f"{copy} is stale"


def test_images_are_sent_as_they_are(nginx, site_dir):
    path = one_asset(site_dir, "assets/images/*.png")
    response = nginx.get(path, {"Accept-Encoding": "gzip"})
    assert response.header("Content-Encoding") is None  # already compressed: gzip would only cost time
    assert response.body == (site_dir / path.lstrip("/")).read_bytes()


# -- JSON export and offline zip -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def errors_json(nginx, site_dir, tmp_path_factory):
    """(server, file) serving api/errors.json: the build's own, or a stand-in in a copy of the site
    while the export does not exist yet (the nginx rule is what is tested either way)."""
    real = site_dir / "api" / "errors.json"
    if real.exists():
        yield nginx, real
        return
    copy = tmp_path_factory.mktemp("site-with-api") / "site"
    shutil.copytree(site_dir, copy)
    stand_in = copy / "api" / "errors.json"
    stand_in.parent.mkdir()
    stand_in.write_text(json.dumps({"errors": [{"code": "0xC004F074"}]}))
    with running_nginx(copy, tmp_path_factory.mktemp("nginx-api")) as server:
        yield server, stand_in


def test_errors_json_is_json_readable_from_other_origins(errors_json):
    server, source = errors_json
    response = server.get("/api/errors.json", {"Origin": "https://helpdesk.example.net"})
    assert response.status == 200
    assert response.header("Content-Type") == "application/json"
    assert response.header("Access-Control-Allow-Origin") == "*"
    assert response.header("Cache-Control") == "no-cache"
    assert csp_directives(response)["frame-ancestors"] == ["'none'"]
    assert response.header("X-Content-Type-Options") == "nosniff"
    assert json.loads(response.body) == json.loads(source.read_text(encoding="utf-8"))


def test_offline_zip_is_served_as_a_download(nginx):
    response = nginx.get(f"/download/{TEST_ZIP}")
    assert response.status == 200
    assert response.header("Content-Type") == "application/zip"
    assert response.header("Content-Disposition") == f'attachment; filename="{TEST_ZIP}"'
    assert response.body == (nginx.downloads / TEST_ZIP).read_bytes()
    assert response.header("X-Content-Type-Options") == "nosniff"


@pytest.mark.parametrize("path", [f"/download/{NOT_A_BUNDLE}", "/download/", "/download/../nginx.conf",
                                  "/download/vakb-offline-test.zip/", "/download/%2e%2e/nginx.conf"])
def test_download_folder_exposes_nothing_but_the_bundles(nginx, path):
    response = nginx.get(path)
    assert response.status in (400, 404), f"{path}: {response.status}"
    assert b"daemon off" not in response.body and b"not part of the site" not in response.body


@pytest.mark.parametrize("home", ["/", "/fr/"])
def test_home_page_download_link_gets_the_offline_zip_of_this_commit(nginx, home):
    # scripts/bundle.py names the zip with release.py, and the home pages link it with the same
    # function: put a zip under that name where ./scripts/build puts it (site/download/), then
    # follow the page's own link.
    name = release.offline_zip_name(ROOT)
    shutil.copyfile(nginx.downloads / TEST_ZIP, nginx.downloads / name)
    page = nginx.get(home)
    assert page.status == 200
    links = re.findall(r'<p class="vakb-offline-edition"><a href="([^"]+)" download>', page.body.decode("utf-8"))
    assert len(links) == 1, "one offline-edition link on the home page"
    url = urllib.parse.urljoin(home, links[0])
    assert url == f"/download/{name}"
    response = nginx.get(url)
    assert response.status == 200, f"{url}: {response.status} (does the name fit vakb.conf's /download/ location?)"
    assert response.header("Content-Disposition") == f'attachment; filename="{name}"'
    assert response.body == (nginx.downloads / TEST_ZIP).read_bytes()
