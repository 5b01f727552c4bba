"""The Markdown of one error code's page, in one language, from its entry in docs/data/errors.yml.

One template for both languages: the headings carry the same explicit ids everywhere, only the words
(the `labels` of errors.yml) and the entry's texts change. Shortcodes (`{{ fact ... }}`,
`{{ error ... }}`) are left in the text: the shortcodes hook renders them like on any page.
"""

from __future__ import annotations

import html
import json
import re
import types

from vakb.typography import colon
from vakb.topics.errors import codes as error_codes
from vakb import build_kind
from vakb import links
from vakb import shortcodes as shortcode_registry

# Section ids, identical in every language: agents link to errors/0xc004f074/#fix.
SECTIONS = ("meaning", "causes", "fix", "where-it-shows-up", "related-codes", "related-topics")

_H1 = re.compile(r"^#\s+(.+?)\s*(?:\{[^}]*\})?\s*$", re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


_HEADING = r"^#+\s+(.+?)\s*\{{[^}}]*#{anchor}\b[^}}]*\}}\s*$"

# Search indexes what readers look for on a code's page: its title, meaning, symbolic name, causes
# and fix. Labels and texts that every error page repeats (decimal forms, group, confidence,
# sources, where it shows up, related codes and topics, the ticket-reply button) stay out of the
# index: they made the index heavier and pushed the topic pages below error pages for queries
# such as "grace period" or "DNS". Decimal forms are still found: the search worker turns
# 3221549172 or -1073418124 into 0xC004F074 (overrides/assets/javascripts/workers/vakb-search.js).
UNINDEXED = " data-search-exclude"
SEARCH_BOOST = 0.5


def _unindexed(markdown_text: str) -> str:
    return f"<span{UNINDEXED}>{markdown_text}</span>"

# {(lang, src_uri): Markdown of a page with its shortcodes rendered}, for the titles of related topics.
_sources: dict[tuple[str, str], str] = {}


def reset() -> None:
    _sources.clear()


def _rendered_source(target, lang: str, config, files) -> str:
    """A page's Markdown with its shortcodes rendered: headings a shortcode writes have titles too."""
    key = (lang, target.src_uri)
    if key not in _sources:
        source = target.content_string
        page = types.SimpleNamespace(file=target, url=target.url)
        context = shortcode_registry.Context(lang=lang, page=page, config=config, files=files)
        try:
            source, _ = shortcode_registry.expand(source, context)
        except Exception:  # noqa: BLE001 - a renderer's own failure is reported on its own page
            pass
        _sources[key] = source
    return _sources[key]


def topic_link(topic: dict, lang: str, config, files, here: str) -> str:
    """Markdown link to a related page, titled with the page's (and the section's) own heading.

    The anchor is always kept: MkDocs' anchor validation fails the strict build if the target page
    does not have it, so a renamed section cannot leave a dead link here.
    """
    target = files.get_file_from_path(topic["page"]) if files is not None else None
    source = _rendered_source(target, lang, config, files) if target is not None else ""
    source = _FRONT_MATTER.sub("", source, count=1)  # its YAML comments start with '#' too
    match = _H1.search(source)
    title = match.group(1).strip() if match else topic["page"].removesuffix(".md")
    href = links.from_folder(topic["page"], here)
    anchor = topic.get("anchor")
    if anchor:
        href += f"#{anchor}"
        section = re.search(_HEADING.format(anchor=re.escape(anchor)), source, re.MULTILINE)
        title += f" › {section.group(1).strip() if section else anchor}"
    return f"[{title.replace('`', '')}]({href})"


def ticket_reply(code: str, meaning: str, step: str, command: str | None, lang: str, words: dict, *,
                 url: str | None, link_label: str, named_page: str, href: str | None = None, config=None) -> dict:
    """What the ticket-reply button copies, the same for every code page (one format): the code and
    its meaning, the first step and its command (indented, as the page's code block shows it), then
    a line leading to a page its reader can open, `link_label: <address>`.

    Which page: a documented code's page itself, whose address the script takes from the page being
    read (ticket-reply.js, no `href`); a short page's nearest documented page, `href` relative to the
    page (resolved by the script against the page's address). Offline, where a file:// address means
    nothing to that reader, `url` is the public address of that page when the build was given one
    (errors.codes.reply_url); without it the page is named in words (`named`). `words`: the labels
    of errors.yml in `lang`, read once by the caller (a short page is built 766 times)."""
    lines = [
        f"{words['ticket_error']} {code}{colon(lang)} {meaning if meaning.endswith('.') else meaning + '.'}",
        f"{words['ticket_first_step']}{colon(lang)} {step}",
    ]
    if command:
        lines += ["    " + line for line in command.splitlines()]
    reply = {"text": "\n".join(lines), "link": f"{link_label}{colon(lang)} ", "url": url,
             "offline": build_kind.offline(config) if config is not None else False,
             "named": words["ticket_named"].replace("{page}", named_page)}
    if href is not None:
        reply["href"] = href
    return reply


def documented_reply(entry: dict, lang: str, url: str | None, config=None, files=None) -> dict:
    """The reply of a documented code: its meaning, the first step of its fix, its full procedure."""
    words = error_codes.labels(lang)
    first = entry["fix"][0]
    command = None
    if "command" in first:
        command = error_codes.plain_command(error_codes.command(first, lang), lang, config, files)
    return ticket_reply(
        entry["code"], error_codes.text(entry["meaning"], lang),
        error_codes.plain_text(error_codes.text(first, lang), lang, config, files), command, lang, words,
        url=url, link_label=words["ticket_more"], config=config,
        named_page=f"{error_codes.PAGE_DIR}/{entry['code']}",  # as the site shows it
    )


def reply_box(reply: dict, words: dict) -> list[str]:
    """The button and its reply (JSON in a <script type="application/json">: no inline script runs);
    `words`: the labels of errors.yml in the page's language."""
    return [
        f'<div class="vakb-ticket-reply"{UNINDEXED} data-copied="{html.escape(words["ticket_copied"])}"'
        f' data-failed="{html.escape(words["ticket_failed"])}">',
        f'<button type="button" class="md-button vakb-ticket-reply__button">{html.escape(words["ticket_button"])}</button>',
        '<span class="vakb-ticket-reply__status" role="status" aria-live="polite"></span>',
        f'<script type="application/json" class="vakb-ticket-reply__text">{_json_for_html(reply)}</script>',
        "</div>",
        "",
    ]


def _json_for_html(value) -> str:
    # Inside <script type="application/json">, "</script>" or "<!--" in a text would end the block.
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _code_block(command: str, indent: str = "") -> list[str]:
    return [f"{indent}```bat", *(f"{indent}{line}" for line in command.splitlines()), f"{indent}```"]


def _source_link(tag: str, here: str) -> str:
    return f"[{tag}]({links.from_folder('sources.md', here)}#src-{tag.lower()})"


def _quotation(text: str, text_lang: str, page_lang: str, attribution: str) -> list[str]:
    """A blockquote of Windows' words, then where they come from (out of the search index: every
    quoted page repeats it). Text in another language than the page's carries its `lang`."""
    words = html.escape(text, quote=False)
    if text_lang != page_lang:
        words = f'<span lang="{text_lang}">{words}</span>'
    return [f"> {words}", ">", f"> {_unindexed(f'— {attribution}')}", ""]


def windows_message(entry: dict, lang: str, here: str) -> list[str]:
    """Windows' own message for the code, quoted from the Microsoft page that shows it (the
    `windows_message` of errors.yml): the English text on English pages; on French pages
    Microsoft's French text and then the English one, or the English text alone, marked, when no
    French Microsoft page gives it. Nothing when no public Microsoft page shows the message."""
    message = entry.get("windows_message")
    if not message:
        return []
    words = error_codes.labels(lang)
    english = _source_link(message["source"], here)
    if lang == "en":
        return _quotation(message["en"], "en", lang, f"{words['windows_message']}{colon(lang)} {english}")
    if message["fr"] is None:
        return _quotation(message["en"], "en", lang,
                          f"{words['windows_message']} ; {words['windows_message_no_fr']} ({english})")
    return [
        *_quotation(message["fr"], "fr", lang,
                    f"{words['windows_message_fr']}{colon(lang)} {_source_link(message['fr_source'], here)}"),
        "<!-- two quotations, not one -->",
        "",
        *_quotation(message["en"], "en", lang, f"{words['windows_message_en']}{colon(lang)} {english}"),
    ]


def page_markdown(entry: dict, lang: str, here_url: str, config=None, files=None) -> str:
    """Markdown of the page of `entry` in `lang`; `here_url` is the page's URL from the site root."""
    words = error_codes.labels(lang)
    catalog = error_codes.catalog()
    code, meaning = entry["code"], error_codes.text(entry["meaning"], lang)
    here = error_codes.PAGE_DIR
    group = next(g for g in catalog["groups"] if g["id"] == entry["group"])
    out = [
        "---",
        f"description: {json.dumps(f'{code}: {meaning}', ensure_ascii=False)}",
        # Below the topic pages: a code's title names words ("grace period", "DNS", "KMS host")
        # whose explanation lives on a topic page; a query for the code itself still matches
        # only its own page's title.
        "search:",
        f"  boost: {SEARCH_BOOST}",
        "---",
        "",
        f"# {code} — {meaning} {{ #top }}",
        "",
        f"## {words['meaning']} {{ #meaning }}",
        "",
        f"{meaning}.",
        "",
        *windows_message(entry, lang, here),
        f"| {_unindexed(words['code'])} | {_unindexed(f'`{code}`')} |",
        "|---|---|",
        f"| {_unindexed(words['symbolic_name'])} | "
        + (f"`{entry['name']}`" if entry["name"] else _unindexed(words["no_symbolic_name"])) + " |",
        f"| {_unindexed(words['decimal'])} | " + _unindexed(
            f"{error_codes.unsigned(code)} ({words['unsigned']}) · {error_codes.signed(code)} ({words['signed']})") + " |",
        f"| {_unindexed(words['group'])} | "
        + _unindexed(f"[{error_codes.text(group['title'], lang)}](index.md#{group['id']})") + " |",
        f"| {_unindexed(words['confidence'])} | " + _unindexed(
            f"**{entry['confidence']}**{colon(lang)} {error_codes.text(catalog['confidence'][entry['confidence']], lang)}") + " |",
        f"| {_unindexed(words['sources'])} | " + _unindexed(", ".join(
            f"[{tag}]({links.from_folder('sources.md', here)}#src-{tag.lower()})" for tag in entry["sources"]
        )) + " |",
        "",
    ]
    if "status" in entry:
        out += [f'!!! warning "{words["status"]}"', "", f"    {error_codes.text(entry['status'], lang)}", ""]
    reply = documented_reply(entry, lang, error_codes.reply_url(config, here_url), config, files)
    out += reply_box(reply, words)
    out += [
        f"## {words['causes']} {{ #causes }}",
        "",
    ]
    out += [f"{n}. {error_codes.text(cause, lang)}" for n, cause in enumerate(entry["causes"], 1)]
    out += ["", f"## {words['fix']} {{ #fix }}", ""]
    for n, step in enumerate(entry["fix"], 1):
        out.append(f"{n}. {error_codes.text(step, lang)}")
        if "command" in step:
            out += ["", *_code_block(error_codes.command(step, lang), "    "), ""]
    out += ["", f"## {words['seen_in']} {{ #where-it-shows-up{UNINDEXED} }}", ""]
    out += [f"- {error_codes.text(catalog['channels'][channel], lang)}" for channel in entry["seen_in"]]
    out += ["", words["slui"], "", *_code_block(f"slui.exe 0x2a {code}"), ""]
    out += [f"## {words['related_codes']} {{ #related-codes{UNINDEXED} }}", ""]
    known = error_codes.by_code()
    out += [f"- {{{{ error {other} }}}} — {error_codes.text(known[other]['meaning'], lang)}" for other in entry["related"]]
    if not entry["related"]:
        out.append(words["no_related"])
    out += ["", f"## {words['related_topics']} {{ #related-topics{UNINDEXED} }}", ""]
    out += [f"- {topic_link(topic, lang, config, files, here)}" for topic in entry["topics"]]
    out.append("")
    return "\n".join(out)
