"""The error codes' generated pages (errors/<code>/, through vakb.generated_pages) and
api/errors.json, which lists every code with its name and, per language, meaning and URL.

One generator for the folder: a code documented in errors.yml gets its full page
(page_markdown.py), every other code of the catalogue its short page (catalogue_page.py)."""

from __future__ import annotations

import json
import pathlib

from vakb import generated_pages, languages
from vakb.topics.errors import codes as error_codes
from vakb.topics.errors import catalogue_page
from vakb.topics.errors import page_markdown as error_page_markdown
from mkdocs.exceptions import PluginError
from vakb.shortcodes import ShortcodeError

# {lang: {code: URL relative to the site root}}, filled by each language build. The i18n plugin runs
# every language's build inside the default one, and each build's on_post_build writes the JSON with
# what is known so far: the last one holds every language.
_urls: dict[str, dict[str, str]] = {}


def start(config):
    if languages.is_first_build(config):
        _urls.clear()  # a new build (or a serve rebuild) starts from nothing
        error_page_markdown.reset()


def markdown(key: str, lang: str, file, config, files) -> str:
    """The Markdown of errors/<key>.<lang>.md, whose URL is now final (fr/errors/0xc004f074/)."""
    code = "0x" + key[2:].upper()
    entry = error_codes.by_code().get(code)
    if entry is None:
        _urls.setdefault(lang, {})[code] = file.url
        return catalogue_page.page_markdown(error_codes.catalogue_by_code()[code], lang, file.url, config, files)
    try:
        text = error_page_markdown.page_markdown(entry, lang, file.url, config, files)
    except ShortcodeError as err:
        # A shortcode in the plain-text parts (ticket reply) refused its arguments.
        raise PluginError(error_codes.located(entry, lang, err)) from None
    _urls.setdefault(lang, {})[entry["code"]] = file.url
    return text


generated_pages.register(generated_pages.Generator(
    folder=error_codes.PAGE_DIR,
    data_file="data/errors.yml",
    keys=lambda: [error_codes.slug(code) for code in error_codes.page_codes()],
    markdown=markdown,
    start=start,
    # A short page says no more than its row in the errors index's catalogue tables, which the
    # print editions show open: 328 one-paragraph pages per language would pad the binder (and
    # the offline zip, which carries both print editions).
    printed=lambda key: f"0x{key[2:].upper()}" in error_codes.by_code(),  # the key is the code's slug
))


def export(config) -> dict:
    """The content of api/errors.json: every code, its name and, per language, meaning and URL.

    Documented codes first (group and confidence from errors.yml), then the catalogue's others
    (group from error_catalogue.yml, confidence null: nobody checked a procedure for them)."""
    errors = []
    documented = [(entry, True) for entry in error_codes.entries()]
    for entry, is_documented in documented + [(entry, False) for entry in error_codes.catalogue_only()]:
        item = {
            "code": entry["code"],
            "name": entry["name"],
            "unsigned": error_codes.unsigned(entry["code"]),
            "signed": error_codes.signed(entry["code"]),
            "group": entry["group"],
            "confidence": entry.get("confidence"),
            "documented": is_documented,
            # A code dated later than the systems this site covers: the id of its label under
            # `introduced` in error_catalogue.yml ("windows-8", "windows-10-sdk"), else null.
            "introduced": entry.get("versions", {}).get("introduced"),
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


# A short page is out of the search index as a page (catalogue_page.py: hundreds of pages of
# labels), but each one is findable by what an agent types: one entry per code and language, the
# code as its title and its symbolic name as its text, nothing else. Without it a code found only
# the folded catalogue section of the errors index. Not its meaning: hundreds of meanings, many
# "... not found", made "found" so common a word that "no KMS host found" lost 0x8007232B. The
# meaning travels beside them, out of the index (lunr indexes title and text only): the search worker
# shows it in the hit (overrides/assets/javascripts/workers/vakb-search.js, leads).
SHORT_PAGE_BOOST = 0.1


def search_documents() -> list[dict]:
    documents = []
    for entry in error_codes.catalogue_only():
        code = entry["code"]
        for lang, urls in _urls.items():
            if code in urls:
                documents.append({"location": urls[code], "title": code, "text": entry["name"] or "",
                                  "boost": SHORT_PAGE_BOOST,
                                  "meaning": error_codes.text(entry["meaning"], lang).replace("`", "")})
    return documents


def write_api(config):
    target = pathlib.Path(config.site_dir) / "api" / "errors.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(export(config), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
