"""The Markdown of the short page of a code the catalogue knows and errors.yml does not document.

From its entry in docs/data/error_catalogue.yml: meaning, symbolic name, decimal forms, group, a
ticket reply (the format and button of every code page: page_markdown.ticket_reply), the nearest
documented code or topic, the `slui.exe 0x2a` line that shows Windows' own text, and the
later-versions note. One template for both languages, so the section ids match. Short pages stay
out of the search index (`search: exclude`): there are hundreds, and the lookup box finds them;
and out of the site navigation (template overrides/catalogue-code.html), which would be most of the
bytes of each. In the offline zip, which compresses each of them alone, they get a lighter header
too (overrides/catalogue-code-offline.html says what it keeps).
"""

from __future__ import annotations

import json

from mkdocs.utils import get_relative_url

from vakb import build_kind, links
from vakb.topics.errors import codes as error_codes
from vakb.topics.errors import page_markdown as full_page

# Section ids, identical in every language.
SECTIONS = ("meaning", "where-to-start", "windows-text")
SDK_TAG = "SDK"  # sources.yml: the Windows SDK header slerror.h, where every slerror_codes entry comes from


def nearest(entry: dict) -> str:
    """The documented code or the topic (slug, optionally #anchor) closest to `entry`."""
    return entry.get("nearest") or error_codes.catalogue_group(entry["group"])["nearest"]


def nearest_link(target: str, lang: str, config, files) -> str:
    if target.startswith("0x"):
        documented = error_codes.by_code()[target]
        return f"{{{{ error {target} }}}} — {error_codes.text(documented['meaning'], lang)}"
    slug, _, anchor = target.partition("#")
    topic = {"page": f"{slug}.md", **({"anchor": anchor} if anchor else {})}
    return full_page.topic_link(topic, lang, config, files, error_codes.PAGE_DIR)


def reply_target(entry: dict) -> tuple[str, str, str]:
    """Where a short page's ticket reply leads: the page its "Where to start" section names (the
    entry's own `nearest`, else its group's). As (source path, anchor, the page as the site shows it).

    The catalogue types the target per group (and per code where a documented code is closer), a
    documented error page or, for the three groups the site documents no code of its own for, the
    topic section that explains them (token-based activation: the slmgr switches; the security
    processor: rearm and the trusted store; network: DNS discovery). The errors index would only
    list the code again; the reply and the page point at the same place."""
    target = nearest(entry)
    if target.startswith("0x"):
        return error_codes.page_source(target), "", f"{error_codes.PAGE_DIR}/{target}"
    slug, _, anchor = target.partition("#")
    return f"{slug}.md", anchor, target


def reply(entry: dict, lang: str, words: dict, here_url: str, config, files) -> dict:
    """The ticket reply of a short page, in the format of every code page's reply
    (page_markdown.ticket_reply): the meaning, reading Windows' own text with slui as the first
    step, and the nearest documented page. `words`: the labels of errors.yml in `lang`."""
    source, anchor, named = reply_target(entry)
    target = files.get_file_from_path(source)  # this language's page, with its final URL
    fragment = f"#{anchor}" if anchor else ""
    url = error_codes.reply_url(config, target.url)
    return full_page.ticket_reply(
        entry["code"], error_codes.plain_text(error_codes.text(entry["meaning"], lang), lang, config, files),
        words["slui"], slui_command(entry["code"]), lang, words, url=url and url + fragment,
        link_label=words["where_to_start"], named_page=named,
        href=get_relative_url(target.url, here_url) + fragment, config=config,
    )


def slui_command(code: str) -> str:
    """The command that shows Windows' own text for a code: on the page and in its reply alike."""
    return f"slui.exe 0x2a {code}"


def sources(entry: dict) -> list[str]:
    tags = entry.get("sources") or [SDK_TAG]
    return tags + [tag for tag in entry.get("versions", {}).get("sources", []) if tag not in tags]


def page_markdown(entry: dict, lang: str, here_url: str, config=None, files=None) -> str:
    """Markdown of the short page of `entry` in `lang`; `here_url` is the page's URL from the site root."""
    words = error_codes.labels(lang)
    code, meaning = entry["code"], error_codes.text(entry["meaning"], lang)
    group = error_codes.catalogue_group(entry["group"])
    here = error_codes.PAGE_DIR
    out = [
        "---",
        f"description: {json.dumps(f'{code}: {meaning}', ensure_ascii=False)}",
        # Offline, a lighter page (the zip pays each page's header once per page): the template
        # says what it keeps.
        f"template: {'catalogue-code-offline.html' if config is not None and build_kind.offline(config) else 'catalogue-code.html'}",
        "search:",
        "  exclude: true",
        "---",
        "",
        f"# {code} — {meaning.rstrip('.')} {{ #top }}",
        "",
        f"## {words['meaning']} {{ #meaning }}",
        "",
        meaning,
        "",
        f"| {words['code']} | `{code}` |",
        "|---|---|",
        f"| {words['symbolic_name']} | " + (f"`{entry['name']}`" if entry["name"] else words["no_symbolic_name"]) + " |",
        f"| {words['decimal']} | {error_codes.unsigned(code)} ({words['unsigned']}) · "
        f"{error_codes.signed(code)} ({words['signed']}) |",
        f"| {words['group']} | [{error_codes.text(group['title'], lang)}]"
        f"(index.md#{error_codes.catalogue_anchor(group['id'])}) |",
    ]
    if "header_form" in entry:
        out.append(f"| {words['header_form']} | `{entry['header_form']}` |")
    out += [
        f"| {words['sources']} | " + ", ".join(
            f"[{tag}]({links.from_folder('sources.md', here)}#src-{tag.lower()})" for tag in sources(entry)
        ) + " |",
        "",
    ]
    if "versions" in entry:
        introduced = error_codes.text(error_codes.catalogue()["introduced"][entry["versions"]["introduced"]], lang)
        out += [f'!!! note "{words["later_windows"]}"', "", f"    {words['later_windows_text']} {introduced}.", ""]
    out += full_page.reply_box(reply(entry, lang, words, here_url, config, files), words)
    out += [
        f"## {words['where_to_start']} {{ #where-to-start }}",
        "",
        words["short_page"],
        "",
        f"- {nearest_link(nearest(entry), lang, config, files)}",
        "",
        f"## {words['windows_text']} {{ #windows-text }}",
        "",
        words["slui"],
        "",
        "```bat",
        slui_command(code),
        "```",
        "",
    ]
    return "\n".join(out)
