"""One page per error code and language, generated at build time, and api/errors.json.

Called by the entry point overrides/hooks/error_pages.py. Nothing is written to docs/: for every
code of docs/data/errors.yml the build gets the virtual sources
`errors/<code>.en.md` and `errors/<code>.fr.md` to the build's files *before* mkdocs-static-i18n
sorts files by language suffix (so the pages get `fr/` URLs, language-switcher alternates, the
sitemap and link validation like hand-written pages), then gives them their Markdown once the
plugin has made its own copies of the files. The pages are outside the nav (the errors index lists
them). After the build, `api/errors.json` lists every code with its name, meaning and URL per language.
"""

from __future__ import annotations

import json
import pathlib

from vakb import data, languages
from vakb.topics.errors import codes as error_codes
from vakb.topics.errors import page_markdown as error_page_markdown
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel
from vakb.shortcodes import ShortcodeError

# {lang: {code: URL relative to the site root}}, filled by each language build. The i18n plugin runs
# every language's build inside the default one, and each build's on_post_build writes the JSON with
# what is known so far: the last one holds every language.
_urls: dict[str, dict[str, str]] = {}


def start(config):
    if languages.is_first_build(config):
        _urls.clear()  # a new build (or a serve rebuild) starts from nothing
        error_page_markdown.reset()


def add_sources(files, config):
    """Before mkdocs-static-i18n sorts files by language suffix: one virtual source per code and language."""
    for entry in error_codes.entries():
        for lang in languages.built(config):
            files.append(
                File(
                    error_codes.page_source(entry["code"], lang),
                    config.docs_dir,
                    config.site_dir,
                    config.use_directory_urls,
                    inclusion=InclusionLevel.NOT_IN_NAV,
                )
            )
    return files


def write_sources(files, config):
    """After mkdocs-static-i18n: the File objects this language's build renders, with their final
    URLs (fr/errors/0xc004f074/, or errors/0xc004f074.html offline), get their Markdown."""
    known = error_codes.by_code()
    for file in files.documentation_pages(inclusion=InclusionLevel.is_not_in_nav):
        match = error_codes.PAGE_SOURCE.match(file.src_uri)
        if not match:
            continue
        lang = match.group(2)
        entry = known["0x" + match.group(1)[2:].upper()]
        try:
            file.content_string = error_page_markdown.page_markdown(entry, lang, file.url, config, files)
        except ShortcodeError as err:
            # A shortcode in the plain-text parts (ticket reply) refused its arguments.
            line = data.line_at(error_codes.catalog(), ["errors", error_codes.entries().index(entry)])
            raise PluginError(f"docs/data/errors.yml:{line}: {entry['code']} ({lang}): {err}") from None
        file.generated_by = "vakb.topics.errors.pages"
        _urls.setdefault(lang, {})[entry["code"]] = file.url
    return files



def export(config) -> dict:
    """The content of api/errors.json: every code, its name and, per language, meaning and URL."""
    errors = []
    for entry in error_codes.entries():
        item = {
            "code": entry["code"],
            "name": entry["name"],
            "unsigned": error_codes.unsigned(entry["code"]),
            "signed": error_codes.signed(entry["code"]),
            "group": entry["group"],
            "confidence": entry["confidence"],
        }
        for lang, urls in _urls.items():
            if entry["code"] in urls:
                item[lang] = {
                    "meaning": error_codes.text(entry["meaning"], lang),
                    "path": urls[entry["code"]],
                }
                # The published address; the offline bundle names no online address.
                url = error_codes.published_url(config, urls[entry["code"]])
                if url:
                    item[lang]["url"] = url
        errors.append(item)
    return {"version": 1, "languages": sorted(_urls), "errors": errors}


def write_api(config):
    target = pathlib.Path(config.site_dir) / "api" / "errors.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(export(config), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
