"""The theme's interface strings (docs/data/ui.yml) in the language of each page.

Templates under overrides/ write `{{ ui.not_found_title }}` and get English under / and French
under /fr/; Material's own strings already follow `theme.language`, which mkdocs-static-i18n sets
per language, but a few things Material renders stay in the English of mkdocs.yml (the palette
toggle names, the heading permalink title, the 404 text): these come from ui.yml instead.
A template asking for a key that ui.yml lacks stops the build, naming the key.
"""

import copy
import html

from vakb import data, languages


class UnknownUiString(Exception):
    """Not a LookupError on purpose: Jinja turns those into an empty string, silently."""


class UiStrings(dict):
    def __missing__(self, key):
        raise UnknownUiString(f"docs/data/ui.yml has no key {key!r} (asked for by a template in overrides/)")


def strings(lang: str) -> UiStrings:
    return UiStrings({key: data.text(entry, lang) for key, entry in data.load("ui").items()})


def add_to_page_context(context, page, config):
    context["ui"] = strings(languages.of_page(page, config))
    return context


def add_to_template_context(context, template_name, config):
    context["ui"] = strings(languages.current(config))
    i18n = languages.i18n(config)
    if template_name == "404.html" and i18n is not None:
        # mkdocs-static-i18n gives these to pages only; overrides/main.html needs them to know
        # the language root (fr/) on the French 404 as well (links, search index).
        context["i18n_config"] = i18n.config
        context["i18n_page_locale"] = i18n.current_language
        # Rendered before any page of its build, the 404 would otherwise keep the switcher links
        # of the last page of the previous language build (i18n sets them as an attribute, which
        # Jinja reads first); point them at each language's home instead.
        config.extra.alternate = copy.deepcopy(i18n.extra_alternate)
    return context


def localize_permalink_titles(html_text, page, config):
    # The permalink title in mkdocs.yml (toc extension) is one string for both languages.
    toc = config.mdx_configs.get("toc", {})
    english = toc.get("permalink_title")
    if not english:
        return html_text
    local = strings(languages.of_page(page, config))["permalink_title"]
    return html_text.replace(f'title="{html.escape(english)}"', f'title="{html.escape(local)}"')
