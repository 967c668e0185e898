"""Karte: the rendered map with its description, and the municipalities' table, per selection, labels and options."""

from __future__ import annotations

from study import aggregate
from study.labels import Labels
from study.selection import Selection

from ... import maps
from ...text import md
from .. import mapview
from ..cache import cached

TEXTS = {
    "intro": (
        "Jeder Kreis ist eine Kommune der Auswahl; seine Fläche zeigt, wie viele Akteure dort befragt wurden. "
        "Farbe und Zahl im Kreis zeigen die gewählte Kennzahl: den Anteil bestehender Kooperationen (FF 1), die Zahl "
        "codierter Aussagen oder die mittlere Schwere der genannten Herausforderungen (FF 7). Tooltip und Tabelle nennen zudem "
        "Ratsbeschluss und Fairtrade-Town-Status als angestoßene Prozesse (FF 6).",
        "Each circle is a municipality of the selection; its area shows how many actors were interviewed there. "
        "Colour and the number in the circle show the chosen figure: the share of existing cooperations (RQ 1), the "
        "number of coded statements or the mean severity of the challenges named (RQ 7). Tooltip and table also give council resolution and "
        "Fairtrade Town status as processes started (RQ 6).",
    ),
    "metric": ("Kennzahl für Farbe und Zahl", "Figure for colour and number"),
    "tiles": (
        "Hintergrundkarte (OpenStreetMap) laden – sendet Ihre IP-Adresse an externe Server",
        "Load background map (OpenStreetMap) – sends your IP address to external servers",
    ),
    "tiles_help": (
        "Ohne Hintergrundkarte lädt die Karte nichts von fremden Servern: Grenzen und Skripte kommen aus dem "
        "Dashboard selbst.",
        "Without the background map nothing is loaded from other servers: boundaries and scripts come from the "
        "dashboard itself.",
    ),
    "click_hint": (
        "Ein Klick auf einen Kreis (oder Tab-Taste und Enter) wählt die Kommune in den Filtern links aus.",
        "Clicking a circle (or Tab and Enter) selects the municipality in the filters on the left.",
    ),
    "clear": ("Kommunen-Auswahl aufheben", "Clear municipality selection"),
    "sources": ("Kartengrundlage", "Map data"),
    "osm": ("Hintergrund: © OpenStreetMap-Mitwirkende", "Background: © OpenStreetMap contributors"),
    "table": ("Die Kommunen als Tabelle", "The municipalities as a table"),
}


@cached(max_entries=100, max_bytes=64 * 2**20)  # national: ~1.5 MB per selection
def profiles_of(sel: Selection):
    """The municipalities' figures (``aggregate.municipality_profiles``), which the map and the table both need:
    made once per selection (a national package: ~0.3 s), never changed by either."""
    return aggregate.municipality_profiles(sel)


@cached
def rendered_map(sel: Selection, labels: Labels, metric: str, tiles: bool) -> tuple[mapview.RenderedMap, str]:
    profiles = profiles_of(sel)
    lang = labels.lang
    m = maps.build_map(
        profiles,
        metric,
        k=sel.k,
        lang=lang,
        tiles=tiles,
        state_label=labels.state,
        size_label=labels.size_class,
        states=maps.focus_states(profiles, sel.filters),
    )
    description = md(maps.describe_map(profiles, metric, k=sel.k, lang=lang))  # names come from the data
    return mapview.render_map(m, profiles, key="karte_map"), description


@cached
def municipality_table(sel: Selection, labels: Labels):
    profiles = profiles_of(sel)
    lang = labels.lang
    table = maps.profile_table(profiles, k=sel.k, lang=lang, state_label=labels.state, size_label=labels.size_class)
    return table, bool(profiles["suppressed"].astype(bool).any())
