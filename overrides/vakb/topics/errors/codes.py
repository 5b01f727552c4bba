"""The error codes as the pages, the lookup box and api/errors.json need them: the documented codes
of docs/data/errors.yml (a full page each) and the catalogue of every Software Licensing code,
docs/data/error_catalogue.yml (a short page for each code errors.yml does not document).

One place for the forms of a code (0xC004F074, its page slug, its unsigned and signed decimal forms),
for reaching an entry by code, and for turning the Markdown of a data text into plain text (ticket
replies and the JSON export are read outside a browser).
"""

from __future__ import annotations

import re
import urllib.parse

from vakb import build_kind
from vakb import data
from vakb import release
from vakb import shortcodes as shortcode_registry

PAGE_DIR = "errors"
PAGE_SOURCE = re.compile(r"^errors/(0x[0-9a-f]{8})\.(\w+)\.md$")


def catalog() -> dict:
    return data.load("errors")


def entries() -> list:
    return catalog()["errors"]


_by_code: dict[str, tuple] = {}  # data file name -> (the document it was built from, {code: entry})


def _indexed(name: str, doc: dict, entries_of) -> dict:
    """{code: entry} of a data file, rebuilt only when the file was read again: every page looks its
    code up, so building the index per page would make the build quadratic in codes."""
    cached = _by_code.get(name)
    if cached is None or cached[0] is not doc:
        cached = _by_code[name] = (doc, {entry["code"]: entry for entry in entries_of(doc)})
    return cached[1]


def by_code() -> dict:
    """{'0xC004F074': entry}: the usual, upper-case form of each documented code."""
    return _indexed("errors", catalog(), lambda doc: doc["errors"])


def catalogue() -> dict:
    return data.load("error_catalogue")


def catalogue_entries() -> list:
    """Every code of slerror.h, then the other codes activation shows."""
    doc = catalogue()
    return doc["slerror_codes"] + doc["other_codes"]


def catalogue_only() -> list:
    """The catalogue's codes errors.yml does not document: each gets a short page."""
    documented = by_code()
    return [entry for entry in catalogue_entries() if entry["code"] not in documented]


def catalogue_by_code() -> dict:
    """{'0xC004F074': catalogue entry}."""
    return _indexed("error_catalogue", catalogue(), lambda doc: doc["slerror_codes"] + doc["other_codes"])


def catalogue_group(group_id: str) -> dict:
    return next(group for group in catalogue()["groups"] if group["id"] == group_id)


def catalogue_anchor(group_id: str) -> str:
    """Id of a catalogue group in the errors index (prefixed: errors.yml's groups have ids too)."""
    return f"catalogue-{group_id}"


def page_codes() -> list[str]:
    """Every code that has a page: the documented ones, then the catalogue's others."""
    return [entry["code"] for entry in entries()] + [entry["code"] for entry in catalogue_only()]


def slug(code: str) -> str:
    """The page name of a code: 0xc004f074 (lower case, as every URL and anchor of the site)."""
    return code.lower()


def page_source(code: str, lang: str | None = None) -> str:
    """Source path of a code's page: unsuffixed for links, suffixed (`.fr.md`) for the file itself."""
    return f"{PAGE_DIR}/{slug(code)}.{lang}.md" if lang else f"{PAGE_DIR}/{slug(code)}.md"


def unsigned(code: str) -> int:
    return int(code, 16)


def signed(code: str) -> int:
    """The form event logs and scripts print when they read the HRESULT as a 32-bit signed integer."""
    value = unsigned(code)
    return value - (1 << 32) if value >= 1 << 31 else value


def published_url(config, url: str) -> str | None:
    """The address of a page (URL from the site root) on the published site; None offline."""
    if config is None or build_kind.offline(config) or not config["site_url"]:
        return None
    return urllib.parse.urljoin(config["site_url"], url)


def reply_url(config, url: str) -> str | None:
    """The address a ticket reply ends with when the build must state it: the offline bundle, whose
    own file:// address means nothing to the ticket's reader. The public address (release.public_url)
    of the page, in its directory form; None online (the page's own address is right there) and
    offline when the build was given no public address."""
    base = release.public_url(config["site_url"]) if build_kind.offline(config) else None
    if base is None:
        return None
    path = url[:-len("index.html")] if url.endswith("index.html") else url
    path = path[:-len(".html")] + "/" if path.endswith(".html") else path
    return urllib.parse.urljoin(base, path)


def groups() -> list:
    return catalog()["groups"]


def labels(lang: str) -> dict:
    return catalog()["labels"][lang]


def text(value, lang: str) -> str:
    return data.text(value, lang)


PLACEHOLDER = re.compile(r"<([A-Za-z][A-Za-z ]*)>")


def command(step: dict, lang: str) -> str:
    """A fix step's command with its <placeholders> in `lang`; <GVLK>, <MAK> stay as they are."""
    words = catalog()["placeholders"]

    def localize(match: re.Match) -> str:
        name = match.group(1)
        return f"<{words[name][lang]}>" if name in words else match.group(0)

    return PLACEHOLDER.sub(localize, step["command"])


# Markdown that plain text does not want: links keep their text, code and emphasis marks go.
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"(`|\*\*|\*(?=\S)|(?<=\S)\*)")


# attr_list's braces after an inline element (`*KMS activation: known issues*{ lang=en }`, an
# English title quoted on a French page), not a brace of the text itself (an Activation ID's GUID).
_ATTRIBUTES = re.compile(r"(?<=[*_`\])])\{:?\s*(?:[.#][\w-]+|[\w-]+=[^\s{}]+)(?:\s+(?:[.#][\w-]+|[\w-]+=[^\s{}]+))*\s*\}")


def plain_text(markdown: str, lang: str, config=None, files=None) -> str:
    """A data text with its shortcodes rendered and its Markdown marks removed."""
    text = _ATTRIBUTES.sub("", plain_command(markdown, lang, config, files))
    return _MARKS.sub("", _LINK.sub(r"\1", text))


def plain_command(command: str, lang: str, config=None, files=None) -> str:
    """A command with its shortcodes rendered and nothing else touched: it is not Markdown (the `*`
    of a wevtutil XPath query is part of it), and a ticket reply must give what the page's code
    block shows, character for character."""
    context = shortcode_registry.Context(lang=lang, page=None, config=config, files=files)
    expanded = shortcode_registry.expand_strict(command, context)
    return expanded.replace("\u00a0", " ").replace("\u202f", " ")


def located(entry: dict, lang: str, problem) -> str:
    """`docs/data/errors.yml:<line>: <code> (<lang>): <problem>`: how a shortcode of an entry's text
    that refused its arguments is reported, wherever the text is rendered (page, analyzer data)."""
    line = data.line_at(catalog(), ["errors", entries().index(entry)])
    return f"docs/data/errors.yml:{line}: {entry['code']} ({lang}): {problem}"
