"""What every page source must be before anything is rendered: UTF-8, and in both languages.

mkdocs-static-i18n falls back to the English page when a French one is missing, and publishes it
at /fr/<slug>/ under `lang="fr"`: an English page sold as French. MkDocs reading a page that is not
UTF-8 stops with a traceback naming no file. Both are refused here, naming the file (and the line).
"""

from __future__ import annotations

import pathlib
import re

LANGUAGE_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.md$")


def not_utf8(path: pathlib.Path, shown: str) -> str | None:
    raw = path.read_bytes()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        return f"{shown}:{line}: not UTF-8 (byte 0x{raw[err.start]:02X}); save the file as UTF-8"
    return None


def problems(sources: dict[str, pathlib.Path], languages: list[str]) -> list[str]:
    """{src_uri: file} of the Markdown pages -> what is wrong with them, one line each."""
    found, twins = [], {}
    for uri, path in sorted(sources.items()):
        match = LANGUAGE_SUFFIX.match(uri)
        if not match or match["lang"] not in languages:
            found.append(f"docs/{uri}: a page needs a language suffix ({', '.join(f'.{l}.md' for l in languages)})")
            continue
        twins.setdefault(match["stem"], set()).add(match["lang"])
        found += filter(None, [not_utf8(path, f"docs/{uri}")])
    for stem, present in sorted(twins.items()):
        for lang in languages:
            if lang not in present:
                have = sorted(present)[0]
                found.append(f"docs/{stem}.{have}.md has no twin docs/{stem}.{lang}.md: write it "
                             f"(a page is never published in another language than its own)")
    return found
