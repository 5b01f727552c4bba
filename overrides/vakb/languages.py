"""The languages of the build, as mkdocs-static-i18n configures them: asked here, in one place.

mkdocs-static-i18n runs the default language's build and then, from its on_post_build, one build
per other language into the same site folder. Code that must know "which language is this build",
"which languages are built" or "is this the first (default) build" asks these functions.
"""

from __future__ import annotations

DEFAULT = "en"


def i18n(config):
    """The mkdocs-static-i18n plugin of this build, or None (a build without it, as in tests)."""
    return config.plugins.get("i18n") if config is not None else None


def built(config) -> list[str]:
    plugin = i18n(config)
    if plugin is None:
        return [config.theme.get("language", DEFAULT)]
    return [lang.locale for lang in plugin.config.languages if lang.build]


def configured(config) -> list[str]:
    """Every language of the site, built in this run or not (BUILD_ONLY_LOCALE builds one)."""
    plugin = i18n(config)
    if plugin is None:
        return [config.theme.get("language", DEFAULT)]
    return [lang.locale for lang in plugin.config.languages if lang.locale != "null"]


def current(config) -> str:
    """The language this build renders (the theme language without i18n)."""
    plugin = i18n(config)
    return getattr(plugin, "current_language", None) or config.theme.get("language", DEFAULT)


def is_first_build(config) -> bool:
    """True in the default language's build, which starts a new site (and in builds without i18n)."""
    plugin = i18n(config)
    return plugin is None or plugin.current_language == plugin.default_language


def whole_site_written(config) -> bool:
    """True at the end of the outer (default language) build: mkdocs-static-i18n builds the other
    languages from inside its own on_post_build and is still `building` while they run."""
    plugin = i18n(config)
    return plugin is None or not getattr(plugin, "building", False)


def of_page(page, config) -> str:
    """The language of one page: its file's locale, else the build's."""
    return getattr(getattr(page, "file", None), "locale", None) or current(config)


def prefixes(config) -> dict[str, str]:
    """{locale: URL prefix}: '' for the default language, 'fr/' for the others."""
    plugin = i18n(config)
    if plugin is None:
        return {config.theme.get("language", DEFAULT): ""}
    return {lang.locale: "" if lang.default else f"{lang.locale}/" for lang in plugin.config.languages if lang.build}


def language_of(location: str, known_prefixes: dict[str, str]) -> str:
    """The language of a site-relative location, from its prefix."""
    default = next(lang for lang, prefix in known_prefixes.items() if prefix == "")
    for lang, prefix in known_prefixes.items():
        if prefix and location.startswith(prefix):
            return lang
    return default
