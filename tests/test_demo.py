"""Tests for the synthetic demonstration data generator (study/demo/)."""

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from study.demo import generate_demo
from study.schema import RESEARCH_QUESTION, STUDY_ACTOR_TYPES_PATH, contract

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ("municipalities", "actor_types", "actors", "codebook", "statements", "findings")
FILES = [f"{r}.csv" for r in RESOURCES] + ["datapackage.json"]


def _read(d, name):
    # keep_default_na=False: an empty field must stay distinguishable from the text "NA".
    return pd.read_csv(d / f"{name}.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def study_dir(tmp_path_factory):
    return generate_demo(tmp_path_factory.mktemp("demo") / "study")


@pytest.fixture(scope="module")
def study(study_dir):
    return {r: _read(study_dir, r) for r in RESOURCES}


def test_returns_outdir_and_writes_all_files(study_dir):
    assert sorted(p.name for p in study_dir.iterdir()) == sorted(FILES)


def test_same_seed_is_byte_identical(study_dir, tmp_path):
    again = generate_demo(tmp_path / "again")
    for name in FILES:
        assert (again / name).read_bytes() == (study_dir / name).read_bytes(), name


def test_other_seed_gives_other_data(study_dir, tmp_path):
    other = generate_demo(tmp_path / "other", seed=7)
    for name in ("municipalities.csv", "actors.csv", "statements.csv"):
        assert (other / name).read_bytes() != (study_dir / name).read_bytes(), name
    # Vocabularies and findings do not depend on the seed.
    for name in ("codebook.csv", "actor_types.csv", "findings.csv"):
        assert (other / name).read_bytes() == (study_dir / name).read_bytes(), name


def test_study_counts(study):
    m, a, s = study["municipalities"], study["actors"], study["statements"]
    assert len(m) == 10
    assert list(m.municipality_id) == [f"K{i:02d}" for i in range(1, 11)]
    assert list(m.name) == [f"Kommune {c}" for c in "ABCDEFGHIJ"]
    assert m.state.nunique() == 10
    assert m.size_class.value_counts().to_dict() == dict.fromkeys(
        ["grossstadt", "mittelstadt", "kleinstadt", "landgemeinde", "landkreis"], 2
    )
    assert 110 <= len(a) <= 130
    assert a.groupby("municipality_id").size().between(11, 13).all()
    assert 14 <= len(study["actor_types"]) <= 16
    assert 40 <= len(study["codebook"]) <= 60
    assert 2000 <= len(s) <= 4000
    assert list(s.statement_id[:2]) == ["S00001", "S00002"]
    assert 20 <= len(study["findings"]) <= 28
    assert 0.08 <= (s.quote != "").mean() <= 0.12


def test_landkreis_population(study):
    m = study["municipalities"]
    pop = m.loc[m.size_class == "landkreis", "population"].astype(int)
    assert pop.between(100_000, 400_000).all()


def test_vocabularies_complete(study):
    t, c, s, f = study["actor_types"], study["codebook"], study["statements"], study["findings"]
    groups = set(contract().allowed("actor_types", "group"))
    assert set(t.group) == groups
    assert (t.label_en != "").all()
    actors = study["actors"].merge(t, on="actor_type")
    assert set(actors.group) == groups
    assert set(actors.actor_type) == set(t.actor_type)

    rq = {category: str(q) for category, q in RESEARCH_QUESTION.items()}
    assert set(c.category) == set(rq)
    assert all(rq[cat] == q for cat, q in zip(c.category, c.research_question, strict=True))
    assert (c.label_en != "").all() and (c.description_de != "").all()

    coded = s.merge(c, on="code")
    assert set(coded.category) == set(rq)
    assert set(coded.research_question) == {str(i) for i in range(1, 8)}
    assert set(s.method) == {"interview", "vor_ort", "fokusgruppe"}
    assert s.method.value_counts().idxmax() == "interview"
    assert set(s.status) == {"bestehend", "geplant", "gewuenscht", ""}

    counts = f.research_question.value_counts()
    assert set(counts.index) == {str(i) for i in range(1, 8)} and (counts >= 2).all()
    assert set(f.view) <= {"kooperation", "akteure", "herausforderungen", "karte"}
    assert list(f.finding_id[:2]) == ["F01", "F02"]


def test_statement_fields_by_category(study):
    s = study["statements"].merge(study["codebook"], on="code")
    koop = s.category == "kooperation"
    assert (s.status[koop] != "").all() and (s.status[~koop] == "").all()
    for cat in ("kooperation", "eignung", "unterstuetzung"):
        assert (s.partner_type[s.category == cat] != "").all(), cat
    for cat in ("kooperation", "eignung", "herausforderung"):
        assert (s.rating[s.category == cat] != "").all(), cat
    for cat in ("vereinfachung", "prozess"):
        part = s[s.category == cat]
        assert (part.partner_type == "").all() and (part.rating == "").all(), cat
    rated = s.rating[s.rating != ""].astype(int)
    assert rated.between(1, 5).all()


def test_patterns(study):
    s = study["statements"].merge(study["codebook"], on="code")
    k = s[s.category == "kooperation"]
    shares = pd.crosstab(k.partner_type, k.status, normalize="index")
    assert shares.loc["weltladen"].idxmax() == "bestehend"
    assert shares.loc["repair_leihladen"].idxmax() == "gewuenscht"
    h = s[s.category == "herausforderung"]
    top = set(h.code.value_counts().index[:2])
    assert top == {"her_rechtsunsicherheit", "her_mehrkosten"}
    severity = h.assign(r=h.rating.astype(int)).groupby("code").r.mean()
    assert set(severity.sort_values().index[-2:]) == top
    m = study["municipalities"]
    k = k.merge(study["actors"], on="actor_id").merge(m, on="municipality_id")
    existing = (k.status == "bestehend").groupby(k.council_resolution).mean()
    assert existing["true"] > existing["false"]


def test_anonymity_leaves_something_and_suppresses_something(study):
    a = study["actors"].merge(study["actor_types"], on="actor_type")
    cells = pd.crosstab(a.municipality_id, a.group)
    assert (cells["verwaltung"] >= 3).all()
    assert ((cells >= 3).sum(axis=1) >= 2).all()
    assert ((cells > 0) & (cells < 3)).to_numpy().any()


def test_exactly_one_municipality_without_coordinates(study):
    m = study["municipalities"]
    missing = (m.lat == "") & (m.lon == "")
    assert missing.sum() == 1
    assert ((m.lat == "") == (m.lon == "")).all()
    located = m[~missing]
    assert located.lat.astype(float).between(47.2, 55.1).all()
    assert located.lon.astype(float).between(5.8, 15.1).all()


def test_coordinates_inside_their_state(study):
    from study.geo import in_state

    m = study["municipalities"]
    m = m[m.lat != ""]
    for state, lat, lon in zip(m.state, m.lat.astype(float), m.lon.astype(float), strict=True):
        assert in_state(state, lat, lon), (state, lat, lon)


def test_csv_format(study_dir):
    text = (study_dir / "municipalities.csv").read_bytes()
    assert not text.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" not in text
    header, first = text.decode("utf-8").splitlines()[:2]
    assert header == "municipality_id,name,state,size_class,population,lat,lon,fairtrade_town,council_resolution"
    fields = first.split(",")
    assert fields[4].isdigit()
    assert fields[7] in ("true", "false") and fields[8] in ("true", "false")
    statements = (study_dir / "statements.csv").read_text(encoding="utf-8").splitlines()
    assert statements[0] == "statement_id,actor_id,code,method,partner_type,status,rating,quote"
    assert all(".0" not in line.split(",")[6] for line in statements[1:200])


def test_columns_follow_contract(study_dir):
    descriptor = json.loads((study_dir / "datapackage.json").read_text(encoding="utf-8"))
    for res in descriptor["resources"]:
        header = (study_dir / res["path"]).read_text(encoding="utf-8").split("\n", 1)[0]
        assert header.split(",") == [f["name"] for f in res["schema"]["fields"]]


def test_descriptor_metadata(study_dir):
    d = json.loads((study_dir / "datapackage.json").read_text(encoding="utf-8"))
    assert d["synthetic"] is True
    assert d["anonymity"] == {"min_group_size": 3}
    assert d["title"] == "Demonstrationsdaten – Kooperationsatlas (synthetisch, keine Studienergebnisse)"
    assert "synthetisch" in d["description"].lower()
    assert d["created"] == "2026-11-25T00:00:00Z"
    assert d["licenses"][0]["name"] == "CC0-1.0"
    assert d["sources"]
    assert d["contributors"] == [{"title": "Studienteam (Demo)", "email": "studienteam@example.org", "role": "contact"}]


def test_frictionless_validation_passes(study_dir):
    from frictionless import Package

    report = Package(str(study_dir / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_actor_types_are_the_studys(study_dir):
    assert (study_dir / "actor_types.csv").read_bytes() == STUDY_ACTOR_TYPES_PATH.read_bytes()


def test_national_small_sizes(tmp_path, study_dir):
    sizes = {"municipalities": 200, "actors": 2000, "statements": 20000}
    d = generate_demo(tmp_path / "nat", scale="national", sizes=sizes)
    m, a, s = (_read(d, r) for r in ("municipalities", "actors", "statements"))
    t, c = _read(d, "actor_types"), _read(d, "codebook")
    assert (len(m), len(a), len(s)) == (200, 2000, 20000)
    assert m.municipality_id.iloc[0] == "M00001" and m.name.iloc[0] == "Kommune 00001"
    assert m.municipality_id.is_unique and a.actor_id.is_unique and s.statement_id.is_unique
    assert a.municipality_id.isin(m.municipality_id).all()
    assert a.actor_type.isin(t.actor_type).all()
    assert s.actor_id.isin(a.actor_id).all()
    assert s.code.isin(c.code).all()
    assert s.partner_type[s.partner_type != ""].isin(t.actor_type).all()
    assert set(s.method) == {"interview", "vor_ort", "fokusgruppe"}
    assert 0 < (s.quote != "").mean() < 0.03
    # Same vocabularies as the study scale.
    assert (d / "codebook.csv").read_bytes() == (study_dir / "codebook.csv").read_bytes()


def test_national_is_deterministic(tmp_path):
    sizes = {"municipalities": 50, "actors": 300, "statements": 3000}
    one = generate_demo(tmp_path / "one", seed=3, scale="national", sizes=sizes)
    two = generate_demo(tmp_path / "two", seed=3, scale="national", sizes=sizes)
    for name in FILES:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


@pytest.mark.parametrize(
    "kwargs",
    [{"scale": "huge"}, {"sizes": {"actors": 10}}, {"scale": "national", "sizes": {"people": 3}}],
)
def test_bad_arguments(tmp_path, kwargs):
    with pytest.raises(ValueError):
        generate_demo(tmp_path / "x", **kwargs)


def test_does_not_import_streamlit():
    code = "import sys, study.demo; sys.exit('streamlit' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_analysis_core_does_not_import_the_demo():
    # The generator is a tool beside the core: loading, analysing and importing work without it.
    modules = "study.package, study.aggregate, study.cooperation, study.compass, study.evidence, study.qda.importer"
    code = f"import sys, {modules}; sys.exit(any(m.startswith('study.demo') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
