"""Markdown links from a generated section to the Sources page's entry of each source tag.

The Sources page gives every tag of ../shared/sources/kms-facts.md an anchor (sources/#src-seed);
linking to it from the data-generated sections lets a reader check a claim in one click, and the
strict build's anchor validation fails if a tag is missing from the Sources page.
"""

import posixpath

from render_sources import anchor


def source_links(tags, context) -> str:
    here = posixpath.dirname(context.page.file.src_uri) if context.page else ""
    target = posixpath.relpath("sources.md", here or ".")
    return ", ".join(f"[{tag}]({target}#{anchor(tag)})" for tag in tags)
