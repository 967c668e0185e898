"""The frames behind every chart's "Daten herunterladen", for the release check.

Each chart's CSV/XLSX download is the chart's own table of numbers (``components.exports.
chart_download_table``), made from the frames below by the same ``study`` functions the pages call.
``chart_frames`` lists them for one selection, named as the audit names its frames, so that
``python -m study audit`` can attack the downloads as it attacks the screens (its small-group and
precision families read these columns: ``n_actors``, ``mean_rating``, ``share_actors``, …).
"""

from __future__ import annotations

import pandas as pd

from . import aggregate, cooperation, evidence
from . import findings as study_findings
from .selection import Selection

# Breakdowns the participants chart offers (components.app.content.akteure.DIMENSIONS).
PARTICIPANT_DIMENSIONS = ("group", "actor_type", "municipality_id", "method")


def chart_frames(sel: Selection) -> list[tuple[str, pd.DataFrame]]:
    """Every frame a chart download of this selection is made from (Akteure, Kooperation, Herausforderungen)."""
    frames: list[tuple[str, pd.DataFrame]] = []
    for by in PARTICIPANT_DIMENSIONS:
        if by == "method" or sel.allows(by):
            frames.append((f"Download Teilnehmende {by}", aggregate.participants(sel, by)))
    for code in (None, *cooperation.category_codes(sel.package, cooperation.SUITABILITY)):
        frames.append((f"Download Eignung {code or 'alle'}", cooperation.suitability(sel, code)))
    if sel.allows("actor_type"):
        for status in cooperation.STATUSES:
            frames.append((f"Download Matrix {status}", cooperation.status_matrix(sel, status)))
        frames.append(("Download Netz", cooperation.cooperation_links(sel)))
    frames.append(("Download Potenzial", aggregate.cooperation_status(sel, cooperation.COOPERATION)))
    frames.append(("Download Partner gewinnen", aggregate.code_frequencies(sel, cooperation.WINNING)))
    for by in ("partner_type", "group"):
        if sel.allows(by):
            frames.append((f"Download Unterstützung {by}", cooperation.support_matrix(sel, by)))
    frames.append(("Download Herausforderungen", evidence.ranked_frequencies(sel, category=evidence.CHALLENGE)))
    for by in evidence.HEATMAP_DIMENSIONS:
        if sel.allows(by):
            m = evidence.category_matrix(sel, evidence.CHALLENGE, by)
            frames.append((f"Download Heatmap Anzahl {by}", m.frame))
            for share in ("col", "row"):
                m = evidence.category_matrix(sel, evidence.CHALLENGE, by, share=share)
                frames.append(
                    (f"Download Heatmap Anteil {share} {by}", m.frame.rename(columns={"value": "share_actors"}))
                )
            m = evidence.category_matrix(sel, evidence.CHALLENGE, by, basis="rating")
            frames.append((f"Download Heatmap Bewertung {by}", m.frame.rename(columns={"value": "mean_rating"})))
    frames += finding_frames(sel)
    return frames


def finding_frames(sel: Selection) -> list[tuple[str, pd.DataFrame]]:
    """The evidence chart of every finding (Erkenntnisse, slides), once per distinct chart, with the stand-in a
    page shows when the selection does not allow the finding's breakdown."""
    out: list[tuple[str, pd.DataFrame]] = []
    seen: set = set()
    findings = sel.package.findings
    for fid, rq in zip(findings["finding_id"].astype(str), findings["research_question"], strict=True):
        plan = study_findings.evidence_plan(sel.package, fid, int(rq))
        if plan is None:
            continue
        for p in (plan, study_findings.EvidencePlan(study_findings.CODES, plan.research_question, plan.category)):
            key = (
                p.kind,
                p.research_question,
                p.category,
                p.partner_types,
                p.codes if p.kind != study_findings.CODES else (),
            )
            if key in seen:
                continue
            seen.add(key)
            frame = study_findings.plan_frame(sel, p)
            frame = frame.frame if isinstance(frame, evidence.Matrix) else frame
            if "value" in frame and p.kind == study_findings.BY_SIZE:
                frame = frame.rename(columns={"value": "share_actors"})
            elif "value" in frame and p.basis == "rating":
                frame = frame.rename(columns={"value": "mean_rating"})
            out.append((f"Download Beleg {fid} {p.kind}", frame))
    return out
