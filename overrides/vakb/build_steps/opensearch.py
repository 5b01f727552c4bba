"""An OpenSearch description per language, so a browser's address bar can search the
knowledge base (`opensearch.xml` for English, `fr/opensearch.xml` for French).

Each description sends the words to the language's home page as `?q=<words>`: Material opens its
search dialog with that query on load. The URLs are absolute (browsers require it), built from
`site_url`; overrides/main.html links the description from every page's head. The offline bundle
gets neither file nor link: file:// pages have no address a browser could send a query to, and the
bundle must not name the online site.
"""

from __future__ import annotations

import logging
import pathlib
from xml.sax.saxutils import escape, quoteattr

from vakb import build_kind, data, languages

log = logging.getLogger("mkdocs.hooks.opensearch")  # the entry point's name, as MkDocs logs it

FILE_NAME = "opensearch.xml"
SHORT_NAME_MAX = 16  # OpenSearch 1.1: "16 or fewer characters of plain text"


def description(lang: str, root: str, prefix: str, site_name: str, summary: str) -> str:
    """The OpenSearch 1.1 document of one language, whose home page is `root` + `prefix`."""
    home = root + prefix
    short_name = data.text(data.load("ui")["opensearch_short_name"], lang)
    if len(short_name) > SHORT_NAME_MAX:
        log.warning(f"docs/data/ui.yml: opensearch_short_name ({lang}) is longer than {SHORT_NAME_MAX} characters")
    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/"'
        ' xmlns:moz="http://www.mozilla.org/2006/browser/search/">',
        f"  <ShortName>{escape(short_name)}</ShortName>",
        f"  <LongName>{escape(site_name)}</LongName>",
        f"  <Description>{escape(' '.join(summary.split()))}</Description>",
        "  <InputEncoding>UTF-8</InputEncoding>",
        f"  <Language>{lang}</Language>",
        f'  <Image width="16" height="16" type="image/svg+xml">{escape(root)}assets/images/favicon.svg</Image>',
        f'  <Url type="text/html" method="get" template={quoteattr(home + "?q={searchTerms}")}/>',
        f'  <Url type="application/opensearchdescription+xml" rel="self" template={quoteattr(home + FILE_NAME)}/>',
        f"  <moz:SearchForm>{escape(home)}</moz:SearchForm>",
        "</OpenSearchDescription>",
        "",
    ])


def _language_texts(config) -> dict[str, tuple[str, str]]:
    """{locale: (site_name, site_description)}, with mkdocs-static-i18n's per-language overrides."""
    texts = {}
    plugin = languages.i18n(config)
    configured = plugin.config.languages if plugin is not None else []
    for lang in languages.prefixes(config):
        override = next((item for item in configured if item.locale == lang), None)
        name = (override and override.site_name) or config.site_name
        summary = (override and override.site_description) or config.site_description or name
        texts[lang] = (name, summary)
    return texts


def write_for_build(config):
    """After mkdocs-static-i18n built this language (vakb.build_order.OPENSEARCH)."""
    if build_kind.offline(config) or build_kind.print_edition(config) or not config.site_url:
        return
    site = pathlib.Path(config.site_dir)
    root = config.site_url.rstrip("/") + "/"
    prefixes = languages.prefixes(config)
    for lang, (name, summary) in _language_texts(config).items():
        target = site / prefixes[lang] / FILE_NAME
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(description(lang, root, prefixes[lang], name, summary), encoding="utf-8")
