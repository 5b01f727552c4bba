"""MkDocs hook: one page per KMS event and language (docs/data/events.yml), generated at build time.

Same mechanism as error_pages.py: for every event the hook adds the virtual sources
`events/<id>.en.md` and `events/<id>.fr.md` *before* mkdocs-static-i18n sorts files by language
suffix (so they get `fr/` URLs, switcher alternates, the sitemap and link validation like
hand-written pages), then gives them their Markdown once the plugin has made its own copies.
Nothing is written to docs/. The pages are outside the nav: events/index.md lists them.
"""

from __future__ import annotations

import event_catalog
import event_page_markdown
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, InclusionLevel


def _languages(config) -> list[str]:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return [config.theme.get("language", "en")]
    return [lang.locale for lang in i18n.config.languages if lang.build]


# Before mkdocs-static-i18n (-100): it only sorts, by language suffix, the files it is given.
@event_priority(0)
def _add_sources(files, config):
    for entry in event_catalog.entries():
        for lang in _languages(config):
            files.append(
                File(
                    event_catalog.page_source(entry["id"], lang),
                    config.docs_dir,
                    config.site_dir,
                    config.use_directory_urls,
                    inclusion=InclusionLevel.NOT_IN_NAV,
                )
            )
    return files


# After mkdocs-static-i18n: the File objects this language's build renders, with their final URLs.
@event_priority(-110)
def _write_sources(files, config):
    known = event_catalog.by_id()
    for file in files.documentation_pages(inclusion=InclusionLevel.is_not_in_nav):
        match = event_catalog.PAGE_SOURCE.match(file.src_uri)
        if not match:
            continue
        file.content_string = event_page_markdown.page_markdown(known[int(match.group(1))], match.group(2))
        file.generated_by = "overrides/hooks/event_pages.py"
    return files


on_files = CombinedEvent(_add_sources, _write_sources)
