"""The words of the map (legend, tooltips, table, text alternative), in German and English."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "n_actors": ("Akteure", "Actors"),
    "n_statements": ("Codierte Aussagen", "Coded statements"),
    "share_existing": ("Anteil bestehender Kooperationen", "Share of existing cooperations"),
    "mean_severity": ("Mittlere Schwere der Herausforderungen (1–5)", "Mean severity of challenges (1–5)"),
    "name": ("Kommune", "Municipality"),
    "state": ("Bundesland", "Federal state"),
    "size_class": ("Größenklasse", "Size class"),
    "population": ("Einwohner", "Population"),
    "fairtrade_town": ("Fairtrade-Town", "Fairtrade Town"),
    "council_resolution": ("Ratsbeschluss faire Beschaffung", "Council resolution on fair procurement"),
    "position": ("Lage", "Position"),
    "exact": ("genau", "exact"),
    "approximate": ("Lage ungefähr", "Approximate position"),
    "approximate_short": ("ungefähr", "approximate"),
    "yes": ("ja", "yes"),
    "no": ("nein", "no"),
    "legend_colour": ("Farbe und Zahl im Kreis", "Colour and number in the circle"),
    "legend_colour_plain": ("Farbe", "Colour"),
    "legend_size": ("Kreisfläche: Zahl der Akteure", "Circle area: number of actors"),
    "legend_dashed": ("gestrichelter Rand: Lage ungefähr", "dashed outline: approximate position"),
    "legend_suppressed": ("weniger als {k} Akteure, nicht ausgewiesen", "fewer than {k} actors, withheld"),
    "legend_missing": ("keine Angaben", "no data"),
    "legend_title": ("Legende", "Legend"),
    "zoom_in": ("Vergrößern", "Zoom in"),
    "zoom_out": ("Verkleinern", "Zoom out"),
    "legend_moved": (
        "Linie zum Punkt: Kreis verschoben, damit er keinen anderen verdeckt; der Punkt zeigt die Lage",
        "Line to a dot: circle moved so that it hides no other; the dot shows the position",
    ),
    "legend_plain": ("Werte: im Tooltip und in der Tabelle", "Values: in the tooltip and the table"),
    "range": ("{a} bis unter {b}", "{a} to under {b}"),
    "range_last": ("{a} bis {b}", "{a} to {b}"),
    "map_alt": (
        "Karte mit {n} der Auswahl. Farbe und Zahl im Kreis: {metric}.",
        "Map with {n} of the selection. Colour and number in the circle: {metric}.",
    ),
    "map_alt_range": (
        "Höchster Wert: {top} ({top_value}); niedrigster Wert: {low} ({low_value}).",
        "Highest value: {top} ({top_value}); lowest value: {low} ({low_value}).",
    ),
    "map_alt_suppressed": (
        "{n} Kommunen mit weniger als {k} Akteuren werden ohne Werte gezeigt.",
        "{n} municipalities with fewer than {k} actors are shown without values.",
    ),
    "map_alt_suppressed_1": (
        "Eine Kommune mit weniger als {k} Akteuren wird ohne Werte gezeigt.",
        "One municipality with fewer than {k} actors is shown without values.",
    ),
    "map_alt_approximate": (
        "{n} Kommunen sind nur ungefähr verortet.",
        "{n} municipalities are placed approximately.",
    ),
    "map_alt_approximate_1": (
        "Eine Kommune ist nur ungefähr verortet.",
        "One municipality is placed approximately.",
    ),
}
