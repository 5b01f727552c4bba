"""The Markdown of the short page of a code the catalogue knows and errors.yml does not document.

From its entry in docs/data/error_catalogue.yml: meaning, symbolic name, decimal forms, group, the
nearest documented code or topic, the `slui.exe 0x2a` line that shows Windows' own text, and the
later-versions note. One template for both languages, so the section ids match. Short pages stay
out of the search index (`search: exclude`): there are hundreds, and the lookup box finds them;
and out of the site navigation (template overrides/catalogue-code.html), which would be most of the
bytes of each, in the offline zip above all.
"""

from __future__ import annotations

import json

from vakb import links
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


def sources(entry: dict) -> list[str]:
    tags = entry.get("sources") or [SDK_TAG]
    return tags + [tag for tag in entry.get("versions", {}).get("sources", []) if tag not in tags]


def page_markdown(entry: dict, lang: str, config=None, files=None) -> str:
    words = error_codes.labels(lang)
    code, meaning = entry["code"], error_codes.text(entry["meaning"], lang)
    group = error_codes.catalogue_group(entry["group"])
    here = error_codes.PAGE_DIR
    out = [
        "---",
        f"description: {json.dumps(f'{code}: {meaning}', ensure_ascii=False)}",
        "template: catalogue-code.html",
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
        f"slui.exe 0x2a {code}",
        "```",
        "",
    ]
    return "\n".join(out)
