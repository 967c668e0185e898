"""Build the state boundaries in data/geo/ from the BKG data set VG5000.

Reads ``bundeslaender_vg5000.geojson`` (BKG VG5000, as of 01.01.2021, WGS84:
16 land areas followed by coastal-water and Lake Constance pieces), and writes

* ``data/geo/bundeslaender.geojson`` – 16 features, land and water of each state
  merged, for the map;
* ``data/geo/bundeslaender_land.geojson`` – the same 16 states without water
  (coast and Lake Constance), used by ``study.geo`` to place points on land;

each feature with the properties ``state`` (ISO 3166-2), ``ars``, ``name_de``,
``name_en``. Steps: repair invalid geometries (make_valid), merge the pieces of
each state, simplify all land and water pieces together as one polygon coverage
(shared borders stay identical, no gaps or overlaps), round coordinates to 4
decimals (about 10 m), orient rings counter-clockwise (RFC 7946). The BKG source
note (QUELLENVERMERK-BKG.txt) next to the input is copied unchanged.

Usage: python scripts/build_geodata.py [INPUT] [--out-dir data/geo] [--tolerance 0.005]
The output is deterministic for a given input and tolerance.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections import defaultdict
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

REPO_ROOT = Path(__file__).resolve().parents[1]


def _import_states():
    """study.geo.STATES, the single list of states (code, ARS, names)."""
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    from study.geo import STATES

    return STATES


STATES = _import_states()

DEFAULT_INPUT = REPO_ROOT.parent / "shared" / "geo" / "bundeslaender_vg5000.geojson"
DEFAULT_OUT_DIR = REPO_ROOT / "data" / "geo"
SOURCE_NOTE = "QUELLENVERMERK-BKG.txt"
DECIMALS = 4
GRID = 10.0**-DECIMALS
MAX_BYTES = 300_000
ATTRIBUTION = "© GeoBasis-DE / BKG 2021 (Daten verändert)"
LICENSE = "Datenlizenz Deutschland – Namensnennung – 2.0"
WGS84_NAMES = {
    "urn:ogc:def:crs:OGC:1.3:CRS84",
    "urn:ogc:def:crs:EPSG::4326",
    "EPSG:4326",
}


def polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Only the polygon parts of a geometry (make_valid may add lines or points)."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)


def read_pieces(path: Path) -> tuple[dict[str, BaseGeometry], dict[str, BaseGeometry]]:
    """Land area and water area (possibly empty) per ARS, repaired."""
    data = json.loads(path.read_text(encoding="utf-8"))
    crs = (data.get("crs") or {}).get("properties", {}).get("name")
    if crs is not None and crs not in WGS84_NAMES:
        raise SystemExit(f"{path}: expected WGS84 coordinates, got CRS {crs}")
    land: dict[str, BaseGeometry] = {}
    water: dict[str, list[BaseGeometry]] = defaultdict(list)
    names: dict[str, str] = {}
    repaired = []
    for feature in data["features"]:
        props = feature["properties"]
        ars = props["ARS"]
        geom = shape(feature["geometry"])
        if not geom.is_valid:
            repaired.append(props["GEN"])
            geom = shapely.make_valid(geom)
        geom = polygonal(geom)
        # VG5000 lists each state's land area first, then its water pieces.
        if ars not in land:
            land[ars] = geom
            names[ars] = props["GEN"]
        else:
            water[ars].append(geom)
    expected = [s.ars for s in STATES]
    if sorted(land) != expected:
        raise SystemExit(f"{path}: expected ARS {expected}, got {sorted(land)}")
    for s in STATES:
        if names[s.ars] != s.name_de:
            raise SystemExit(f"{path}: ARS {s.ars} is {names[s.ars]!r}, expected {s.name_de!r}")
    print(f"read {len(data['features'])} features; repaired: {', '.join(repaired) or 'none'}")
    water_union = {ars: shapely.difference(shapely.union_all(pieces), land[ars]) for ars, pieces in water.items()}
    return land, water_union


def simplify(
    land: dict[str, BaseGeometry], water: dict[str, BaseGeometry], tolerance: float
) -> tuple[dict[str, BaseGeometry], dict[str, BaseGeometry]]:
    """Simplify land and water pieces as one coverage; return states and land by ARS."""
    keys = [s.ars for s in STATES]
    water_keys = [k for k in keys if k in water and not water[k].is_empty]
    coverage = [land[k] for k in keys] + [water[k] for k in water_keys]
    if not shapely.coverage_is_valid(coverage):
        raise SystemExit("input pieces overlap or leave slivers; cannot simplify as coverage")
    simple = shapely.coverage_simplify(coverage, tolerance)
    simple = shapely.set_precision(simple, GRID)
    land_s = dict(zip(keys, simple[: len(keys)], strict=True))
    water_s = dict(zip(water_keys, simple[len(keys) :], strict=True))
    states = {
        k: shapely.union_all([land_s[k], water_s[k]], grid_size=GRID) if k in water_s else land_s[k] for k in keys
    }
    return finish(states), finish(land_s)


def finish(geoms: dict[str, BaseGeometry]) -> dict[str, BaseGeometry]:
    out = {}
    for k, raw in geoms.items():
        geom = shapely.orient_polygons(polygonal(raw), exterior_cw=False)
        if not geom.is_valid or geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
            raise SystemExit(f"ARS {k}: simplification gave an invalid geometry ({geom.geom_type})")
        out[k] = geom
    return out


def round_coords(obj):
    if isinstance(obj, float):
        value = round(obj, DECIMALS)
        return 0.0 if value == 0 else value
    if isinstance(obj, (list, tuple)):
        return [round_coords(o) for o in obj]
    return obj


def feature_collection(geoms: dict[str, BaseGeometry], description: str) -> str:
    """GeoJSON text, one feature per line, deterministic."""
    by_ars = {s.ars: s for s in STATES}
    lines = []
    for ars, geom in geoms.items():
        s = by_ars[ars]
        geometry = mapping(geom)
        feature = {
            "type": "Feature",
            "properties": {
                "state": s.code,
                "ars": s.ars,
                "name_de": s.name_de,
                "name_en": s.name_en,
            },
            "geometry": {
                "type": geometry["type"],
                "coordinates": round_coords(geometry["coordinates"]),
            },
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    header = {
        "type": "FeatureCollection",
        "description": description,
        "attribution": ATTRIBUTION,
        "attribution_url": "https://www.bkg.bund.de",
        "license": LICENSE,
        "license_url": "https://www.govdata.de/dl-de/by-2-0",
    }
    head = json.dumps(header, ensure_ascii=False, separators=(",", ":"))[:-1]
    return head + ',"features":[\n' + ",\n".join(lines) + "\n]}\n"


def check(path: Path) -> None:
    """Re-read a written file and check what study.geo and the map rely on."""
    size = path.stat().st_size
    data = json.loads(path.read_text(encoding="utf-8"))
    features = data["features"]
    codes = [f["properties"]["state"] for f in features]
    if codes != [s.code for s in STATES]:
        raise SystemExit(f"{path}: wrong states {codes}")
    geoms = [shape(f["geometry"]) for f in features]
    bad = [c for c, g in zip(codes, geoms, strict=True) if not g.is_valid]
    if bad:
        raise SystemExit(f"{path}: invalid geometries after rounding: {bad}")
    if not shapely.coverage_is_valid(geoms):
        raise SystemExit(f"{path}: states overlap after rounding")
    if size >= MAX_BYTES:
        raise SystemExit(f"{path}: {size} bytes, more than {MAX_BYTES}")
    n = int(shapely.get_num_coordinates(geoms).sum())
    print(f"wrote {path.name}: {size / 1000:.1f} kB, {n} coordinates")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "input",
        nargs="?",
        type=Path,
        default=DEFAULT_INPUT,
        help="BKG VG5000 states GeoJSON (default: %(default)s)",
    )
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR)
    parser.add_argument(
        "--tolerance",
        type=float,
        default=0.005,
        help="coverage simplification tolerance in degrees (default: %(default)s)",
    )
    args = parser.parse_args(argv)

    land, water = read_pieces(args.input)
    states, land_only = simplify(land, water, args.tolerance)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    outputs = {
        "bundeslaender.geojson": (
            states,
            "German federal states (land, coastal waters, Lake Constance), simplified",
        ),
        "bundeslaender_land.geojson": (
            land_only,
            "German federal states, land area only, simplified",
        ),
    }
    for name, (geoms, description) in outputs.items():
        path = args.out_dir / name
        path.write_text(feature_collection(geoms, description), encoding="utf-8")
        check(path)
    note = args.input.parent / SOURCE_NOTE
    if note.exists():
        shutil.copyfile(note, args.out_dir / SOURCE_NOTE)
        print(f"copied {SOURCE_NOTE}")
    else:
        print(f"warning: {note} not found, source note not copied", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
