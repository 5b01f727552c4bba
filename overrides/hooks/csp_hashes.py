"""Entry point: the site's Content-Security-Policy (vakb.build_steps.csp): every online page carries
it in a meta element, nginx's header gets it from csp-hashes.conf; an unreviewed inline script
stops the build naming its source."""

from mkdocs.plugins import event_priority

from vakb import build_order
from vakb.build_steps import csp


@event_priority(build_order.CSP_PAGES)
def on_post_page(output, page, config):
    return csp.check_page(output, page, config)


def on_post_template(output_content, template_name, config):
    return csp.check_template(output_content, template_name, config)


@event_priority(build_order.CSP_HASHES)
def on_post_build(config):
    csp.write_for_build(config)
