"""Which build this is: the online site, the offline bundle (Material's offline plugin, OFFLINE=true)
or a print edition (mkdocs-print-site, PRINT_SITE=true). Hooks and renderers that behave differently
in one of them ask here, so the test of "is this plugin on" is written once.
"""

from __future__ import annotations


def plugin_enabled(config, name: str) -> bool:
    plugin = config.plugins.get(name) if config is not None else None
    return plugin is not None and bool(plugin.config.get("enabled"))  # print-site has a legacy config


def offline(config) -> bool:
    """The file:// bundle: no web server, and no page may name the online site."""
    return plugin_enabled(config, "material/offline")


def print_edition(config) -> bool:
    return plugin_enabled(config, "print-site")
