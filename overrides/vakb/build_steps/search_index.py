"""One search index per language, so French pages find French pages only.

Material builds one index for the whole site, and mkdocs-static-i18n merges every language into
it, so results mix languages. After each language's build this step splits the index by URL
prefix: `search/search_index.json` keeps the default language, `fr/search/search_index.json` the
French pages (their locations made relative to `fr/`). The `base` that overrides/main.html gives
Material's search on a French page is `fr/`, so the browser loads the French file only. In the
offline build the same split is written as `search_index.js` (Material loads that on file://).
Each short error page, left out of the index as a page, gets one small entry of its own here
(vakb.topics.errors.pages.search_documents). Each index's config carries `words`, the everyday
words of its language the search worker folds together (vakb.topics.search_words).
"""

import json
import logging
import pathlib
import re

from vakb import build_kind, languages
from vakb.topics import search_words
from vakb.topics.errors import pages as error_pages

log = logging.getLogger("mkdocs.hooks.search_per_language")  # the entry point's name, as MkDocs logs it

# Every language build appends to the same site directory; remember each document seen so that
# the split does not depend on the order in which the plugins write the index.
_documents: dict[str, dict] = {}


# Material's indexer keeps the text of table cells, content tabs' labels and definition lists but
# drops their tags (and line breaks), so adjacent cells ran together in snippets ("did not workERROR_NOT_FOUND") and in words.
# A space after each such element keeps them apart; browsers ignore it between cells and labels.
_ADJACENT_CELLS = re.compile(r"</(?:td|th|dt|dd|caption)>(?=<)|</label>(?=<label)|<br\s*/?>(?!\s)")


def separate_cells(html: str) -> str:
    """The page's HTML with a space after every line break, and after every cell, label and
    definition that another element follows directly, before the search plugin reads it (on_page_content)."""
    return _ADJACENT_CELLS.sub(lambda match: match.group(0) + " ", html)


def start(config):
    if languages.is_first_build(config):
        _documents.clear()  # a new build (or a serve rebuild) starts from nothing


def split(config):
    """After i18n merged the index and the offline plugin inlined it (vakb.build_order.SEARCH_SPLIT):
    this split has the last word on both files."""
    site = pathlib.Path(config.site_dir)
    merged_path = site / "search" / "search_index.json"
    if not merged_path.exists():
        return
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    for doc in merged["docs"] + error_pages.search_documents():
        _documents[doc["location"]] = doc
    prefixes = languages.prefixes(config)
    offline = build_kind.offline(config)
    for lang, prefix in prefixes.items():
        docs = [
            dict(doc, location=doc["location"][len(prefix):])
            for location, doc in _documents.items()
            if languages.language_of(location, prefixes) == lang
        ]
        if lang not in merged["config"].get("lang", [lang]):
            log.warning(f"search: language {lang!r} missing from the search plugin's lang option")
        # Each index searches its own language only, so its page loads only that language's lunr
        # support (none for English; the French stemmer for French), not every language's.
        # config.words: the everyday words the worker folds in this language's index and queries.
        config_of_lang = dict(merged["config"], lang=[lang], words=search_words.table(lang))
        index = {"config": config_of_lang, "docs": docs}
        payload = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        target = site / prefix / "search"
        target.mkdir(parents=True, exist_ok=True)
        (target / "search_index.json").write_text(payload, encoding="utf-8")
        if offline:
            (target / "search_index.js").write_text(f"var __index = {payload}", encoding="utf-8")
