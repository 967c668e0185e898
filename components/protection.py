"""The protection explained for the "Daten & Methode" page: rules, method, what this package's plan merged."""

from __future__ import annotations

from study import disclosure
from study.labels import Labels

from .i18n import pick

TEXTS = {
    "intro": (
        "Die Befragten wurden um offene Auskunft gebeten und haben Anonymität zugesagt bekommen. Das Dashboard "
        "schützt deshalb nicht nur jede einzelne Zahl, sondern alles, was sich aus Seiten, Filtern und "
        "Downloads zusammen ablesen ließe: **Kein Wert über weniger als {k} Akteure lässt sich ermitteln** – "
        "weder direkt noch durch Vergleich zweier Auswahlen, durch Rückrechnen aus Summen oder aus den Daten, "
        "die der Browser erhält. Es gelten die Verfahren der amtlichen Statistik:",
        "The participants were asked for candid answers and promised anonymity. The dashboard therefore "
        "protects not only each number but everything that pages, filters and downloads show together: **no "
        "value about fewer than {k} actors can be worked out** – neither directly, nor by comparing two "
        "selections, nor by solving back from totals or from what the browser receives. It follows the "
        "methods of official statistics:",
    ),
    "rules": (
        "1. **Schutzgruppen statt freier Schnitte.** Akteure werden zu Gruppen von mindestens {k} "
        "zusammengefasst: nach Kommune und nach Akteurstyp; kleinere werden mit ähnlichen zusammengelegt "
        "(globale Umkodierung). Gefiltert wird nach Region **oder** nach Akteuren **oder** nach Methode, nie "
        "kombiniert, und immer ganze Gruppen: Zwei Auswahlen unterscheiden sich so nie um weniger als {k} "
        "Akteure. Aufgeschlüsselt wird innerhalb eines Regionsfilters nur nach Regionen, innerhalb eines "
        "Akteursfilters nur nach Akteuren.\n"
        "2. **Zufallsrundung kleiner Werte (Cell-Key-Verfahren).** Jede Zahl entsteht als Summe über die "
        "Schutzgruppen. In jeder Gruppe werden 1 bis {k1} Akteure zufällig auf 0 oder {k} gerundet "
        "(im Mittel unverzerrt); der Zufall ist an die Akteure gebunden, dieselbe Zelle zeigt also immer "
        "denselben Wert, und Wiederholen lehrt nichts. Fast alle oder alle einer Gruppe werden als höchstens "
        "„Größe − {k1}“ gezeigt. Eine 0 kann daher auch 1 bis {k1} bedeuten, und Summen über Aufschlüsselungen "
        "können leicht voneinander abweichen. So verfahren das Australian Bureau of Statistics (TableBuilder) "
        "und die Statistischen Ämter beim Zensus 2022.\n"
        "3. **Mittelwerte nur aus Gruppen von mindestens {k}.** Ein Mittelwert ist das Mittel der Mittelwerte "
        "je Akteur (ein Vielredner zählt nicht mehr als andere) und enthält nur Gruppen, in denen mindestens "
        "{k} Akteure unterschiedlich bewertet haben; Kleinst-, Größtwerte und Streuungen werden nicht gezeigt. "
        "Sonst steht „< {k}“.\n"
        "4. **Zitate** erscheinen ohne Kommune, Person und Methode und nur ohne Regions- oder Methodenfilter; "
        "genannt wird höchstens die Akteursgruppe.\n"
        "5. **Downloads** sind dieselben geschützten Tabellen. Einzelne Aussagen gibt es nur für das "
        "mitgelieferte Demodatenpaket, erkannt an seinem Inhalt.\n"
        "6. **Genauigkeit:** Werte werden schon im Datenkern auf die angezeigte Genauigkeit gerundet "
        "(Mittelwerte auf eine, Anteile auf ganze Prozent), auch in den Daten für den Browser.\n\n"
        "Vor jeder Veröffentlichung prüft das Studienteam das Paket mit `python -m study audit`: Die Prüfung "
        "greift es mit den Funktionen der Seiten an (Einzelzeilen, Differenzen, verknüpfte Tabellen per "
        "linearer Optimierung wie τ-ARGUS, homogene Gruppen, Zitate, Downloads).",
        "1. **Protection groups instead of free cuts.** Actors are grouped into groups of at least {k}: by "
        "municipality and by actor type; smaller ones are merged with similar ones (global recoding). You "
        "filter by region **or** by actors **or** by method, never combined, and always whole groups: two "
        "selections never differ by fewer than {k} actors. Within a regional filter results are broken down "
        "by region only, within an actor filter by actors only.\n"
        "2. **Random rounding of small values (cell-key method).** Every number is a sum over the protection "
        "groups. In each group 1 to {k1} actors are randomly rounded to 0 or {k} (unbiased on average); the "
        "randomness is tied to the actors, so the same cell always shows the same value and repeating teaches "
        "nothing. Almost all or all of a group are shown as at most “size − {k1}”. A 0 may therefore also "
        "mean 1 to {k1}, and totals over breakdowns may differ slightly. This is what the Australian Bureau of "
        "Statistics (TableBuilder) and the German statistical offices for the 2022 census do.\n"
        "3. **Means only from groups of at least {k}.** A mean is the mean of each actor's mean (a talkative "
        "actor counts no more than others) and includes only groups in which at least {k} actors rated, not "
        "all alike; minima, maxima and spreads are not shown. Otherwise “< {k}”.\n"
        "4. **Quotes** appear without municipality, person or method and only without regional or method "
        "filters; at most the actor group is named.\n"
        "5. **Downloads** are the same protected tables. Single statements only for the bundled demonstration "
        "package, recognised by its content.\n"
        "6. **Precision:** values are rounded to the precision shown in the data core already (means to one "
        "decimal, shares to whole percent), also in what the browser receives.\n\n"
        "Before publishing, the study team checks the package with `python -m study audit`: it attacks the "
        "package with the pages' own functions (single rows, differences, linked tables by linear programming "
        "as τ-ARGUS does, homogeneous groups, quotes, downloads).",
    ),
    "merged": ("In diesem Paket zusammengefasst: {items}.", "Merged in this package: {items}."),
    "none_merged": (
        "In diesem Paket musste keine Kommune und kein Akteurstyp zusammengefasst werden.",
        "In this package no municipality and no actor type had to be merged.",
    ),
    "single_family": (
        "In diesem Paket werden Ergebnisse nur nach Region aufgeschlüsselt: Zusammen mit einer Aufschlüsselung "
        "nach Akteuren ließen sich sonst kleine Gruppen herausrechnen.",
        "In this package results are broken down by region only: together with a breakdown by actors small "
        "groups could otherwise be worked out.",
    ),
}


def protection_markdown(plan: disclosure.Plan, labels: Labels, lang: str) -> str:
    """The page section: why, the rules with their method, and what this package's plan merged."""
    k = plan.k
    parts = [pick(TEXTS, "intro", lang, k=k), pick(TEXTS, "rules", lang, k=k, k1=k - 1)]
    items = [
        disclosure.UNIT_SEPARATOR.join(labels.municipality(m) for m in members)
        for members in plan.merged[disclosure.REGION]
    ] + [
        disclosure.UNIT_SEPARATOR.join(labels.actor_type(t) for t in members)
        for members in plan.merged[disclosure.ACTORS]
    ]
    parts.append(pick(TEXTS, "merged", lang, items="; ".join(items)) if items else pick(TEXTS, "none_merged", lang))
    if plan.single_family:
        parts.append(pick(TEXTS, "single_family", lang))
    return "\n\n".join(parts)
