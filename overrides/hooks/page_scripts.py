"""Entry point: a page links only the extra scripts it uses, and the search worker names the
installed Material's (vakb.build_steps.page_scripts)."""

from mkdocs.plugins import event_priority

from vakb import build_order
from vakb.build_steps import page_scripts


def on_config(config):
    page_scripts.start(config)


@event_priority(build_order.SEARCH_WORKER_NAME)
def on_files(files, config):
    return page_scripts.fill_search_worker(files, config)


@event_priority(build_order.PAGE_SCRIPTS)
def on_page_context(context, page, config, nav):
    page_scripts.narrow_for(page.content or "", config)
    return context


def on_post_page(output, page, config):
    page_scripts.restore(config)
    return output


def on_pre_template(template, template_name, config):
    page_scripts.narrow_for("", config)
    return template


def on_post_template(output_content, template_name, config):
    page_scripts.restore(config)
    return output_content
