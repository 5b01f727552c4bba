"""French spacing before two-part punctuation, so ' :' never starts a line: one rule, one place.

French puts a space before : ; ! ? and inside « », and that space must not break: a line that
begins with ':' reads as a typo. Authors type an ordinary space (easier to write and to review);
the build makes it non-breaking in every French string the reader sees: U+00A0 before ':' and
inside guillemets, U+202F (narrow) before ';', '!' and '?', as the Imprimerie nationale's rules
have it. That is the page text, and the strings scripts show later, which travel in
`<script type="application/json">` blocks and `data-*` attributes (tool messages, lookup and
ticket-reply labels). Code, forms' internals and drawings are left alone: commands must stay byte
for byte.
"""

from __future__ import annotations

import html
import json
import re

TAG = re.compile(r"(<[^>]+>)")
SKIPPED = {"pre", "code", "kbd", "samp", "script", "style", "svg", "textarea"}
BEFORE_COLON = re.compile(r" (:)(?=[\s<]|$)")
BEFORE_OTHERS = re.compile(r" ([;!?])(?=[\s<]|$)")
OPEN_QUOTE = re.compile(r"« ")
CLOSE_QUOTE = re.compile(r" »")
JSON_SCRIPT = re.compile(r'(<script type="application/json"[^>]*>)(.*?)(</script>)', re.S)
DATA_ATTRIBUTE = re.compile(r'(\sdata-[a-z-]+=")([^"]*)(")')


def colon(lang: str) -> str:
    """The colon that follows a label: French puts a no-break space before it."""
    return "\u00a0:" if lang == "fr" else ":"


def french_text(text: str) -> str:
    """The rule applied to one plain string (no markup)."""
    text = BEFORE_COLON.sub("\u00a0\\1", text)
    text = BEFORE_OTHERS.sub("\u202f\\1", text)
    text = OPEN_QUOTE.sub("«\u00a0", text)
    return CLOSE_QUOTE.sub("\u00a0»", text)


def space_french(html_text: str) -> str:
    """The rule applied to the text of an HTML fragment, outside code, scripts and drawings."""
    parts = TAG.split(html_text)
    depth = 0
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            name = part[1:].split(None, 1)[0].strip("/>").lower() if len(part) > 2 else ""
            if name in SKIPPED and not part.endswith("/>"):
                depth += -1 if part.startswith("</") else 1
                depth = max(depth, 0)
            continue
        if depth or not part.strip():
            continue
        parts[index] = french_text(part)
    return "".join(parts)


def _json_strings(value):
    if isinstance(value, str):
        return french_text(value)
    if isinstance(value, list):
        return [_json_strings(item) for item in value]
    if isinstance(value, dict):
        return {key: _json_strings(item) for key, item in value.items()}
    return value


def _space_json_script(match: re.Match) -> str:
    try:
        payload = json.loads(match.group(2))
    except ValueError:
        return match.group(0)  # not ours to rewrite
    spaced = _json_strings(payload)
    if spaced == payload:
        return match.group(0)
    text = json.dumps(spaced, ensure_ascii=False, separators=(",", ":"))
    # Inside <script>, "</script>" or "<!--" would end or confuse the element: escape <, > and &.
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return match.group(1) + text + match.group(3)


def _space_data_attribute(match: re.Match) -> str:
    value = html.unescape(match.group(2))
    spaced = french_text(value)
    if spaced == value:
        return match.group(0)
    return match.group(1) + html.escape(spaced, quote=True) + match.group(3)


def space_french_page(html_text: str) -> str:
    """Every French string of a page: its text, its JSON data blocks and its data-* attributes."""
    html_text = space_french(html_text)
    html_text = JSON_SCRIPT.sub(_space_json_script, html_text)
    return DATA_ATTRIBUTE.sub(_space_data_attribute, html_text)
