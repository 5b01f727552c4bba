"""Pages made from data at build time (a page per error code, a page per event): one mechanism.

Nothing is written to docs/. For every entry a topic registers, the build gets the virtual sources
`<folder>/<key>.en.md` and `<folder>/<key>.fr.md` *before* mkdocs-static-i18n sorts files by
language suffix (so they get `fr/` URLs, language-switcher alternates, the sitemap and link
validation like hand-written pages); once the plugin has made this language's File objects, with
their final URLs, each gets its Markdown from the topic. The pages are outside the nav: each
topic's index page lists them. Entry point: overrides/hooks/generated_pages.py.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, Callable

from mkdocs.structure.files import File, InclusionLevel

from vakb import languages

PAGE_SOURCE = re.compile(r"^(?P<folder>[a-z-]+)/(?P<key>[^/]+)\.(?P<lang>[a-z]{2})\.md$")


@dataclasses.dataclass
class Generator:
    folder: str                                   # "errors": pages at errors/<key>/
    data_file: str                                # what they are made of, relative to docs/ (page dates)
    keys: Callable[[], list[str]]                 # the page of each entry: "0xc004f074"
    markdown: Callable[[str, str, Any, Any, Any], str]  # (key, lang, file, config, files) -> Markdown
    start: Callable[[Any], None] = lambda config: None  # once per language build, before its files
    # Whether the page of a key goes into the print editions (vakb.build_steps.print_edition): a page
    # whose whole content a printed index already shows stays out of the binder.
    printed: Callable[[str], bool] = lambda key: True


GENERATORS: dict[str, Generator] = {}


def register(generator: Generator) -> Generator:
    if generator.folder in GENERATORS:
        raise RuntimeError(f"pages under {generator.folder}/ are generated twice")
    GENERATORS[generator.folder] = generator
    return generator


def start(config) -> None:
    for generator in GENERATORS.values():
        generator.start(config)


def add_sources(files, config):
    for generator in GENERATORS.values():
        for key in generator.keys():
            for lang in languages.built(config):
                files.append(File(f"{generator.folder}/{key}.{lang}.md", config.docs_dir, config.site_dir,
                                  config.use_directory_urls, inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def write_sources(files, config):
    for file in files.documentation_pages(inclusion=InclusionLevel.is_not_in_nav):
        match = PAGE_SOURCE.match(file.src_uri)
        generator = GENERATORS.get(match["folder"]) if match else None
        if generator is None:
            continue
        file.content_string = generator.markdown(match["key"], match["lang"], file, config, files)
        file.generated_by = f"vakb.generated_pages ({generator.folder})"
    return files


def printed(file) -> bool:
    """False for a generated page its topic keeps out of the print editions; True otherwise."""
    match = PAGE_SOURCE.match(file.src_uri)
    generator = GENERATORS.get(match["folder"]) if match else None
    return generator is None or generator.printed(match["key"])


def data_file_of(file) -> str | None:
    """The data file (relative to docs/) a generated page is made of; None for a written page."""
    match = PAGE_SOURCE.match(file.src_uri) if getattr(file, "generated_by", None) else None
    generator = GENERATORS.get(match["folder"]) if match else None
    return generator.data_file if generator else None
