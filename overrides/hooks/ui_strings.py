"""Entry point: the theme's interface strings (docs/data/ui.yml) in each page's language
(vakb.build_steps.ui_strings)."""

from vakb.build_steps import ui_strings


def on_page_context(context, page, config, nav):
    return ui_strings.add_to_page_context(context, page, config)


def on_template_context(context, template_name, config):
    return ui_strings.add_to_template_context(context, template_name, config)


def on_page_content(html, page, config, files):
    return ui_strings.localize_permalink_titles(html, page, config)
