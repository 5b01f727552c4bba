"""One module per subject of the knowledge base, each holding its data checks (`@data.check`),
its shortcodes (`@shortcode`) and, for some, its generated pages.

Importing this package registers all of them, in this explicit order (a topic may import one
listed before it, never one after it, so there is no circle). Add a topic here when you add one.

A module that registers nothing is not listed: it is a mechanism that topics share, imported by
them (script_switches: the reference of a script's switches, for slmgr and ospp).
"""

from vakb.topics import (  # noqa: F401 (imported to register checks and shortcodes)
    facts,              # facts.yml: {{ fact }}, {fact:...} placeholders in data text
    sources,            # sources.yml: the Sources page, links from generated sections
    activation_count,   # count_examples.yml: the count rule and its worked examples
    key_groups,         # key_groups.yml: KMS host keys, the hierarchy rule
    client_setup_keys,  # gvlk.yml: client setup keys (GVLK), which editions can use KMS
    office_gvlk,        # office_gvlk.yml: KMS client keys of Office 2010
    registry,           # registry.yml: registry values and reg add commands
    slmgr,              # slmgr.yml: slmgr.vbs switches
    ospp,               # ospp.yml: ospp.vbs switches (Office 2010)
    glossary,           # glossary.yml: terms, acronym tooltips
    grace,              # grace.yml: how long a volume client runs before it must activate
    diagrams,           # diagrams.yml: inline SVG drawings
    errors,             # errors.yml: a page per code, index, lookup, api/errors.json
    events,             # events.yml: a page per KMS event, the events index
    slmgr_output,       # slmgr_output.yml: the slmgr-output/ page (fields, statuses, channels, examples)
    wmi,                # wmi.yml: the wmi/ page (SoftwareLicensingService / Product members, commands)
    evidence,           # evidence.yml, slmgr_output.yml: the paste analyzer's data
    tools,              # tools.yml: the interactive tools
    editions,           # links to the print and offline editions
    search_words,       # search_words.yml: everyday words the search folds together
)

ALL = (facts, sources, activation_count, key_groups, client_setup_keys, office_gvlk, registry, slmgr, ospp, glossary,
       grace, diagrams, errors, events, slmgr_output, wmi, evidence, tools, editions, search_words)
