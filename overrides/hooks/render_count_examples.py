"""`{{ table count-examples }}`: the worked activation-count examples of count_examples.yml.

The data holds only the machines; the count and who activates are computed here with
activation_count.host_count and the thresholds of facts.yml, so the table cannot disagree with them.
"""

import html

import activation_count
import data
from render_facts import fact_value, format_number
from render_table import html_table, table

HEADERS = {
    "en": ["Server OS machines", "Client OS machines", "KMS hosts", "Count on the host", "KMS activation available for", "Note"],
    "fr": ["Serveurs", "Postes clients", "Hôtes KMS", "Décompte sur l'hôte", "Activation KMS possible pour", "Remarque"],
}
VERDICTS = {
    (False, False): {"en": "Nobody yet", "fr": "Personne pour l'instant"},
    (False, True): {"en": "Server OS only", "fr": "Systèmes serveur uniquement"},
    (True, True): {"en": "Client and server OS", "fr": "Systèmes client et serveur"},
}
ORIGIN = {
    "seed": {"en": "2008 example", "fr": "exemple de 2008"},
    "own": {"en": "", "fr": ""},
}


def thresholds(lang: str = "en") -> activation_count.Thresholds:
    return activation_count.Thresholds(
        client_os=fact_value("threshold_client_os", lang)[0],
        server_os=fact_value("threshold_server_os", lang)[0],
    )


def computed_examples():
    """[(example, HostCount)] for every example of the data file."""
    limits = thresholds()
    return [
        (example, activation_count.host_count(example["clients"], example["servers"], limits))
        for example in data.load("count_examples")["examples"]
    ]


@table("count-examples")
def render_count_examples(args, context):
    lang = context.lang
    rows = []
    for example, result in computed_examples():
        verdict = VERDICTS[(result.client_os_activates, result.server_os_activates)][lang]
        note = data.text(example, lang, "note") if "note" in example else ORIGIN[example["origin"]][lang]
        cells = [format_number(example["servers"], lang), format_number(example["clients"], lang),
                 str(example.get("hosts", 1)), f"<strong>{format_number(result.count, lang)}</strong>",
                 html.escape(verdict), html.escape(note)]
        rows.append((f"count-{example['id']}", cells))
    return html_table(HEADERS[lang], rows)
