"""MkDocs hook: one page per error code and language, generated at build time, and api/errors.json.

Nothing is written to docs/: for every code of docs/data/errors.yml the hook adds the virtual sources
`errors/<code>.en.md` and `errors/<code>.fr.md` to the build's files *before* mkdocs-static-i18n
sorts files by language suffix (so the pages get `fr/` URLs, language-switcher alternates, the
sitemap and link validation like hand-written pages), then gives them their Markdown once the
plugin has made its own copies of the files. The pages are outside the nav (the errors index lists
them). After the build, `api/errors.json` lists every code with its name, meaning and URL per language.
"""

from __future__ import annotations

import json
import pathlib

import data
import error_codes
import error_page_markdown
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, InclusionLevel
from shortcode_registry import ShortcodeError

# {lang: {code: URL relative to the site root}}, filled by each language build. The i18n plugin runs
# every language's build inside the default one, and each build's on_post_build writes the JSON with
# what is known so far: the last one holds every language.
_urls: dict[str, dict[str, str]] = {}


def _i18n(config):
    return config.plugins.get("i18n")


def _languages(config) -> list[str]:
    i18n = _i18n(config)
    if i18n is None:
        return [config.theme.get("language", "en")]
    return [lang.locale for lang in i18n.config.languages if lang.build]


def on_pre_build(config):
    i18n = _i18n(config)
    if i18n is None or i18n.current_language == i18n.default_language:
        _urls.clear()  # a new build (or a serve rebuild) starts from nothing
        error_page_markdown.reset()


# Before mkdocs-static-i18n (-100): it only sorts, by language suffix, the files it is given.
@event_priority(0)
def _add_sources(files, config):
    for entry in error_codes.entries():
        for lang in _languages(config):
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


# After mkdocs-static-i18n: these are the File objects this language's build renders, with their
# final URLs (fr/errors/0xc004f074/, or errors/0xc004f074.html offline).
@event_priority(-110)
def _write_sources(files, config):
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
        file.generated_by = "overrides/hooks/error_pages.py"
        _urls.setdefault(lang, {})[entry["code"]] = file.url
    return files


on_files = CombinedEvent(_add_sources, _write_sources)


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


def on_post_build(config):
    target = pathlib.Path(config.site_dir) / "api" / "errors.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(export(config), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
