"""MkDocs hook: one search index per language, so French pages find French pages only.

Material builds one index for the whole site, and mkdocs-static-i18n merges every language into
it, so results mix languages. After each language's build this hook splits the index by URL
prefix: `search/search_index.json` keeps the default language, `fr/search/search_index.json` the
French pages (their locations made relative to `fr/`). The `base` that overrides/main.html gives
Material's search on a French page is `fr/`, so the browser loads the French file only. In the
offline build the same split is written as `search_index.js` (Material loads that on file://).
"""

import json
import logging
import pathlib

import build_kind
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.search_per_language")

# Every language build appends to the same site directory; remember each document seen so that
# the split does not depend on the order in which the plugins write the index.
_documents: dict[str, dict] = {}


def _i18n(config):
    return config.plugins.get("i18n")


def language_prefixes(config) -> dict[str, str]:
    """{locale: URL prefix}: '' for the default language, 'fr/' for the others."""
    i18n = _i18n(config)
    if i18n is None:
        return {config.theme.get("language", "en"): ""}
    return {lang.locale: "" if lang.default else f"{lang.locale}/" for lang in i18n.config.languages if lang.build}


def language_of(location: str, prefixes: dict[str, str]) -> str:
    default = next(lang for lang, prefix in prefixes.items() if prefix == "")
    for lang, prefix in prefixes.items():
        if prefix and location.startswith(prefix):
            return lang
    return default


def on_pre_build(config):
    i18n = _i18n(config)
    if i18n is None or i18n.current_language == i18n.default_language:
        _documents.clear()  # a new build (or a serve rebuild) starts from nothing


# After mkdocs-static-i18n (-100) merged and rewrote the index, and after the offline plugin (-100)
# inlined the merged one: this split has the last word on both files.
@event_priority(-150)
def on_post_build(config):
    site = pathlib.Path(config.site_dir)
    merged_path = site / "search" / "search_index.json"
    if not merged_path.exists():
        return
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    for doc in merged["docs"]:
        _documents[doc["location"]] = doc
    prefixes = language_prefixes(config)
    offline = build_kind.offline(config)
    for lang, prefix in prefixes.items():
        docs = [
            dict(doc, location=doc["location"][len(prefix):])
            for location, doc in _documents.items()
            if language_of(location, prefixes) == lang
        ]
        if lang not in merged["config"].get("lang", [lang]):
            log.warning(f"search: language {lang!r} missing from the search plugin's lang option")
        # Each index searches its own language only, so its page loads only that language's lunr
        # support (none for English; the French stemmer for French), not every language's.
        index = {"config": dict(merged["config"], lang=[lang]), "docs": docs}
        payload = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        target = site / prefix / "search"
        target.mkdir(parents=True, exist_ok=True)
        (target / "search_index.json").write_text(payload, encoding="utf-8")
        if offline:
            (target / "search_index.js").write_text(f"var __index = {payload}", encoding="utf-8")
