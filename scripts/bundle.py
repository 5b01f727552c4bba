"""The offline bundle: `dist/vakb-offline-<version>.zip`, the whole site readable from file://.

Called by `scripts/docs.py build` (and by tests/publishing/test_offline_bundle.py, with the same code):

1. `OFFLINE=true` build of both languages (Material's offline plugin: `.html` URLs, search index
   as a script that file:// may load; overrides/main.html drops the head links that make Material
   fetch sitemap.xml).
2. One print edition per language: mkdocs-print-site prints one language per build, so each
   locale is built alone (`BUILD_ONLY_LOCALE=<lang> PRINT_SITE=true OFFLINE=true`), beside the
   offline build, and its `print_page.html` is copied into the bundle as `print.html` /
   `fr/print.html`, its links re-pointed at the bundle's own pages and assets.
3. Trimming: files that file:// never uses or that nobody reads offline are left out (source
   maps, the JSON search index next to its .js twin, sitemaps, 404 pages, the api/ export, lunr
   languages the index does not use, theme images nothing names).
4. A zip with one top folder, `vakb-offline-<version>/index.html`, with fixed timestamps so that
   the same commit gives the same bytes. `publish` copies it into the online site at
   `download/`, where the home pages link it, and copies its print editions beside the online home
   pages (`print.html`, `fr/print.html`), links turned into the site's directory URLs.

Standard library only: docs.py runs it before (and outside) the virtual environment; the MkDocs
builds themselves go through the `build` callable the caller passes, which is called from several
threads at once (the print builds run beside the offline one).
"""

from __future__ import annotations

import concurrent.futures
import datetime
import json
import pathlib
import posixpath
import re
import shutil
import subprocess
import tempfile
import zipfile
from typing import Callable

ROOT = pathlib.Path(__file__).resolve().parents[1]
from vakb import release  # noqa: E402  (the zip's name, shared with the online pages' download link)
from vakb.build_steps import minify  # noqa: E402  (the print pages, minified like every page)

# Language -> URL prefix of its pages in the bilingual build (English is the default, at the root).
LANGUAGES = {"en": "", "fr": "fr/"}
PRINT_PAGE = "print.html"  # per language: print.html, fr/print.html (render_edition_links.py links it)
PRINT_SITE_TITLE = "Print Site"  # mkdocs-print-site-plugin's default print_page_title
PRINT_TITLES = {"en": "Print edition", "fr": "Édition imprimable"}
PRINT_SITE_TOC = "<h1 class='print-page-toc-title'>Table of Contents</h1>"  # print-site, English only
TOC_TITLES = {"en": "Contents", "fr": "Table des matières"}

# Files of the online-style output that the bundle does without (paths relative to its root).
UNUSED = [
    re.compile(r".*\.map$"),  # source maps: only developer tools read them
    re.compile(r"(.*/)?search/search_index\.json$"),  # file:// loads search_index.js instead
    re.compile(r"sitemap\.xml(\.gz)?$"),  # for crawlers of the online site
    re.compile(r"(.*/)?404\.html$"),  # no server to send them; their absolute base breaks on file://
    # The error-code export for scripts that fetch it online; file:// pages cannot fetch, and the
    # offline build would give it `.html` URLs that the online site does not serve.
    re.compile(r"api/.*\.json$"),
]
LUNR = "assets/javascripts/lunr/"
# Attributes holding a URL in MkDocs/Material output (always double-quoted there).
URL_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')
CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)

# build(site_dir, complete=None, link_check=True, **env): strict MkDocs build or raise; `complete`
# adds files to the built folder before its links are checked (scripts/site_build.py).
Build = Callable[..., None]


def commit_time(repo: pathlib.Path = ROOT) -> tuple:
    """The last commit's UTC time as a zip date tuple, so rebuilding a commit gives the same zip."""
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=repo, capture_output=True, text=True)
    stamp = int(result.stdout.strip() or 315532800)  # 1980-01-01: the zip format's first day
    return datetime.datetime.fromtimestamp(max(stamp, 315532800), datetime.timezone.utc).timetuple()[:6]


def is_unused(rel: str, lunr_keep: set[str]) -> bool:
    if any(pattern.fullmatch(rel) for pattern in UNUSED):
        return True
    return rel.startswith(LUNR) and rel not in lunr_keep


def lunr_needed(site: pathlib.Path) -> set[str]:
    """The lunr scripts Material's search worker imports for the languages of the search index.

    Mirrors the worker's own rule (assets/javascripts/workers/search.*.js): stemmer support plus
    lunr.<lang> for every non-English language, lunr.multi for several, tinyseg/wordcut for ja/th/hi.
    """
    languages: set[str] = set()
    for index in site.rglob("search_index.js"):
        payload = index.read_text(encoding="utf-8").removeprefix("var __index = ")
        languages.update(json.loads(payload)["config"]["lang"])
    keep = {f"{LUNR}min/lunr.{lang}.min.js" for lang in languages if lang != "en"}
    if keep:
        keep.add(f"{LUNR}min/lunr.stemmer.support.min.js")
    if len(languages) > 1:
        keep.add(f"{LUNR}min/lunr.multi.min.js")
    if "ja" in languages:
        keep.add(f"{LUNR}tinyseg.js")
    if languages & {"th", "hi"}:
        keep.add(f"{LUNR}wordcut.js")
    return keep


def unreferenced_images(site: pathlib.Path) -> set[str]:
    """Theme images no page, stylesheet or script names (Material always copies its favicon.png)."""
    images = {p.relative_to(site).as_posix(): p.name for p in (site / "assets" / "images").rglob("*") if p.is_file()}
    text = "".join(p.read_text(encoding="utf-8", errors="ignore")
                   for p in site.rglob("*") if p.suffix in (".html", ".css", ".js"))
    return {rel for rel, name in images.items() if name not in text}


def trim(site: pathlib.Path) -> list[str]:
    """Delete what the bundle does without; returns the removed paths (for the build log)."""
    keep = lunr_needed(site)
    unreferenced = unreferenced_images(site)
    removed = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        if is_unused(rel, keep) or rel in unreferenced:
            path.unlink()
            removed.append(rel)
    for folder in sorted((p for p in site.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return removed


def relink(html: str, source: pathlib.Path, bundle: pathlib.Path, dest: str, prefix: str) -> str:
    """Re-point the relative URLs of a page built in a single-language site at the bundle.

    In the one-language print build, that language's pages sit at the root; in the bundle they sit
    under `prefix` (fr/), while shared files (assets/, css/, js/) stay at the root. Each relative
    URL is resolved in the print build, then rewritten relative to `dest` in the bundle.
    """
    here = posixpath.dirname(dest)

    def target(url: str) -> str:
        if re.match(r"^[a-z][a-z0-9+.-]*:|^/|^#", url) or not url:
            return url  # other schemes, absolute paths and in-page anchors: left as they are
        path, hashmark, anchor = url.partition("#")
        built = posixpath.normpath(path)
        in_bundle = prefix + built if built.endswith(".html") else built
        if not (bundle / in_bundle).exists() and not (source / built).exists():
            return url  # not ours to fix; the bundle tests report it
        new = posixpath.relpath(in_bundle, here or ".")
        return new + hashmark + anchor

    def attribute(match: re.Match) -> str:
        return f'{match.group(1)}="{target(match.group(2))}"'

    def config(match: re.Match) -> str:
        # Material's runtime config: `base` locates the search index of this page's language
        # (print-site renders with the 404 page's context, whose base is the absolute "/"), and
        # `search` the worker script.
        settings = json.loads(match.group(2))
        settings["base"] = "."
        settings["search"] = target(settings["search"])
        return match.group(1) + json.dumps(settings, ensure_ascii=False) + match.group(3)

    return URL_ATTRIBUTE.sub(attribute, CONFIG_SCRIPT.sub(config, html, count=1))


def retitle(html: str, lang: str) -> str:
    """print-site names its page "Print Site" and its contents "Table of Contents" in every
    language; name them in the page's own. For the page title, only the head and header are
    touched (the window title and the header topic), not the text."""
    head, main, rest = html.partition("<main")
    toc = f"<h1 class='print-page-toc-title'>{TOC_TITLES[lang]}</h1>"
    return head.replace(PRINT_SITE_TITLE, PRINT_TITLES[lang]) + main + rest.replace(PRINT_SITE_TOC, toc, 1)


# print-site prefixes every in-page link with its page's key (`#sources-src-t1`) but renames only
# heading ids, so links to any other id (table rows, code line anchors) point nowhere, and the
# unprefixed ids repeat from page to page. It prefixes every label's `for` too, but the ids of
# <input>s only: a <select>'s label named nothing (the registry tool's DisableDnsPublishing list).
# Within each page's section, an id that a prefixed link or label asks for gets the prefix.
PAGE_SECTION = re.compile(r'<section class="print-page" id="([^"]+)"')
ID_ATTRIBUTE = re.compile(r'\b(id|name)="([^"]+)"')
REFERENCE = re.compile(r'href="#([^"]+)"|<label\b[^>]*\bfor="([^"]+)"')


def prefix_ids(html: str) -> str:
    wanted = {link or label for link, label in REFERENCE.findall(html)}
    present = set(re.findall(r'\bid="([^"]+)"', html))
    sections = list(PAGE_SECTION.finditer(html))
    out, done = [], 0
    for number, section in enumerate(sections):
        key = section.group(1)
        end = sections[number + 1].start() if number + 1 < len(sections) else len(html)

        def rename(match: re.Match, key=key) -> str:
            new = f"{key}-{match.group(2)}"
            return f'{match.group(1)}="{new}"' if new in wanted and new not in present else match.group(0)

        out += [html[done:section.end()], ID_ATTRIBUTE.sub(rename, html[section.end():end])]
        done = end
    return "".join(out) + html[done:]


# A code (0xC004F074) or a symbolic name (SL_E_VL_BINDING_SERVICE_UNAVAILABLE) printed in a narrow
# table column broke inside itself ("0x803FA06" / "5", a name over five lines): Material lets code
# break anywhere. In the print editions, such code elements are marked and kept whole
# (vakb.css, print styles); other code (paths, commands) still wraps.
TOKEN_CODE = re.compile(r"<code>(0x[0-9A-Fa-f]{8}|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)</code>")


def keep_tokens_whole(html: str) -> str:
    return TOKEN_CODE.sub(r'<code class="vakb-token">\1</code>', html)


# print-site prefixes the name of every <input> with its page's key (for content tabs' radio
# buttons, `activation-count-clients`); a tool's script reads its fields by name (`clients`), so in
# the print editions its form stayed empty and computed nothing. Within the tools' forms, the
# names get their own back (ids and label `for` keep print-site's prefix, which stays unique).
TOOL_FORM = re.compile(r'<form\b[^>]*\bclass="vakb-tool"[^>]*>.*?</form>', re.S)


def restore_tool_field_names(html: str) -> str:
    starts = [(match.start(), match.group(1)) for match in PAGE_SECTION.finditer(html)]

    def restore(match: re.Match) -> str:
        keys = [key for start, key in starts if start < match.start()]
        if not keys:
            return match.group(0)
        return match.group(0).replace(f'name="{keys[-1]}-', 'name="')

    return TOOL_FORM.sub(restore, html)


def build_print_source(build: Build, lang: str, scratch: pathlib.Path) -> pathlib.Path:
    """Build `lang` alone with print-site, into scratch/print-<lang>; add_print_edition takes one
    page from it."""
    source = scratch / f"print-{lang}"
    # An intermediate: only its print page is kept, and its links are checked in the bundle.
    build(source, link_check=False, BUILD_ONLY_LOCALE=lang, PRINT_SITE="true", OFFLINE="true")
    return source


def add_print_edition(lang: str, source: pathlib.Path, bundle: pathlib.Path) -> str:
    """Copy the print page of `source` (build_print_source), and its CSS/JS, into the bundle."""
    dest = LANGUAGES[lang] + PRINT_PAGE
    html = retitle((source / "print_page.html").read_text(encoding="utf-8"), lang)
    html = prefix_ids(html)
    html = link_unprinted_pages(html, source)
    html = keep_tokens_whole(html)
    html = restore_tool_field_names(html)
    html = minify.collapse_whitespace(html)  # print-site writes it after the pages' own minification
    # print-site's own stylesheet and script: copied once (both languages' builds ship the same).
    for helper in ("css", "js"):
        for path in (source / helper).rglob("*"):
            if path.is_file():
                target = bundle / path.relative_to(source)
                target.parent.mkdir(parents=True, exist_ok=True)
                if not target.exists():
                    shutil.copyfile(path, target)
    (bundle / dest).write_text(relink(html, source, bundle, dest, LANGUAGES[lang]), encoding="utf-8")
    return dest


# print-site turns every link to a page of the site into a link to that page's section of the print
# page (`#errors-0xc004f012`), printed or not. A page left out of the print edition (the catalogue's
# short error pages, vakb.generated_pages.printed) has no section: its links go to the page itself,
# which the bundle carries, and relink() then points them at the bundle's copy.
SECTION_LINK = re.compile(r'href="#([^"]+)"')


def page_key(rel: str) -> str:
    """print-site's key of a built page (mkdocs_print_site_plugin.urls.get_page_key)."""
    return rel.lower().removesuffix(".html").replace("/", "-").lstrip("-") or "index"


def link_unprinted_pages(html: str, source: pathlib.Path) -> str:
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    pages = {page_key(p.relative_to(source).as_posix()): p.relative_to(source).as_posix()
             for p in source.rglob("*.html")}

    def section(match: re.Match) -> str:
        key = match.group(1)
        if key in ids or key not in pages:
            return match.group(0)
        return f'href="{pages[key]}"'

    return SECTION_LINK.sub(section, html)


def write_zip(folder: pathlib.Path, archive: pathlib.Path, date: tuple) -> None:
    """Zip `folder` as one top folder of the same name, files sorted, timestamps fixed."""
    archive.parent.mkdir(parents=True, exist_ok=True)
    partial = archive.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{folder.name}/{path.relative_to(folder).as_posix()}", date_time=date)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes(), compresslevel=9)
    partial.replace(archive)  # never leave a half-written zip under the final name


def human(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.2f} MB"


def publish(archive: pathlib.Path, site: pathlib.Path) -> pathlib.Path:
    """Copy the zip into the built site at `download/<name>.zip`, where the online home pages link
    it (overrides/vakb/release.py), so that any static host serving `site/` serves it too."""
    folder = site / release.DOWNLOAD_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{release.NAME}-*.zip"):
        old.unlink()  # one bundle in the site: the one of this build
    target = folder / archive.name
    shutil.copyfile(archive, target)
    publish_print_editions(archive, site)
    return target


# A relative link to a page of the bundle (`errors/0x803fa065.html`, `index.html#where-to-start`), which
# the online site serves as a directory URL (`errors/0x803fa065/`, `./#where-to-start`).
BUNDLE_PAGE_LINK = re.compile(r'\b(href)="(?![a-z][a-z0-9+.-]*:|/|#)([^"#]*?)(index)?\.html(#[^"]*)?"')


def online_links(html: str) -> str:
    def directory_url(match: re.Match) -> str:
        path, index, anchor = match.group(2), match.group(3), match.group(4) or ""
        if not index and posixpath.basename(path) == PRINT_PAGE.removesuffix(".html"):
            return match.group(0)  # the other language's print edition is published as print.html too
        url = path if index else path + "/"
        return f'{match.group(1)}="{url or "./"}{anchor}"'

    return BUNDLE_PAGE_LINK.sub(directory_url, html)


def publish_print_editions(archive: pathlib.Path, site: pathlib.Path) -> list[str]:
    """Copy the print editions of the zip into the online site beside each home page
    (`print.html`, `fr/print.html`, with print-site's css/ and js/), their links to other pages
    turned into the site's directory URLs. The online build makes no print page of its own: the
    pages are those the offline bundle made, built once, from the same commit."""
    written = []
    with zipfile.ZipFile(archive) as zf:
        top = archive.stem + "/"
        for name in zf.namelist():
            rel = name.removeprefix(top)
            if rel.startswith(("css/", "js/")) and not name.endswith("/"):
                target = site / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                if not target.exists():
                    target.write_bytes(zf.read(name))
        for prefix in LANGUAGES.values():
            rel = prefix + PRINT_PAGE
            html = zf.read(top + rel).decode("utf-8")
            (site / rel).write_text(online_links(html), encoding="utf-8")
            written.append(rel)
    return written


def site_url(repo: pathlib.Path) -> str | None:
    """mkdocs.yml's site_url (read as text: the file holds !ENV tags a plain YAML loader refuses)."""
    found = re.search(r"^site_url:\s*(\S+)", (repo / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    return found.group(1) if found else None


def build_bundle(build: Build, dist: pathlib.Path, say: Callable[[str], None] = print,
                 repo: pathlib.Path = ROOT) -> pathlib.Path:
    """Build the offline bundle into `dist/`; returns the zip's path."""
    name = release.offline_name(repo)
    with tempfile.TemporaryDirectory(prefix="vakb-bundle-") as tmp, \
            concurrent.futures.ThreadPoolExecutor(max_workers=len(LANGUAGES)) as pool:
        scratch = pathlib.Path(tmp)
        bundle = scratch / name
        # The print builds do not depend on the offline one: they run beside it (each build is a
        # process of its own, so a machine with several cores builds them at the same time).
        sources = {lang: pool.submit(build_print_source, build, lang, scratch) for lang in LANGUAGES}

        def add_print_editions(folder: pathlib.Path) -> None:
            # Before the bundle's links are checked: its home pages link print.html.
            for lang, source in sources.items():
                say(f"print edition ({lang}): {add_print_edition(lang, source.result(), folder)}")

        build(bundle, complete=add_print_editions, OFFLINE="true")
        removed = trim(bundle)
        files = [p for p in bundle.rglob("*") if p.is_file()]
        unpacked = sum(p.stat().st_size for p in files)
        archive = dist / f"{name}.zip"
        for old in dist.glob(f"{release.NAME}-*.zip"):
            old.unlink()  # one bundle in dist/: the current one
        write_zip(bundle, archive, commit_time(repo))
    if release.public_url(site_url(repo)) is None:
        say(f"offline bundle: no public address (set {release.PUBLIC_URL_VARIABLE} or site_url in mkdocs.yml): "
            "its ticket replies name the page in words instead of linking it")
    say(f"offline bundle: {archive.relative_to(dist.parent) if dist.parent in archive.parents else archive} "
        f"{human(archive.stat().st_size)} zipped ({len(files)} files, {human(unpacked)} unpacked; "
        f"{len(removed)} unused files left out)")
    return archive
