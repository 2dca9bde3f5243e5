"""Write a small GeoJSON of the 15 post-Soviet states from world-atlas TopoJSON (stdlib only).

Usage (see data/geo/README.md for where the input comes from):
    python data/geo/build_geojson.py /tmp/package/countries-50m.json data/geo/post-soviet.geojson
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

# The geometry helpers live beside this script; it is run by path (and loaded by path in the
# tests), never installed, so its own folder is put on the path for them.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from topo_geometry import area, decode_arcs, merge_rings, simplify

# ISO 3166-1 numeric (the TopoJSON `id`) -> (alpha-3, English name); sorted by alpha-3 on output.
STATES = {
    "051": ("ARM", "Armenia"),
    "031": ("AZE", "Azerbaijan"),
    "112": ("BLR", "Belarus"),
    "233": ("EST", "Estonia"),
    "268": ("GEO", "Georgia"),
    "398": ("KAZ", "Kazakhstan"),
    "417": ("KGZ", "Kyrgyzstan"),
    "428": ("LVA", "Latvia"),
    "440": ("LTU", "Lithuania"),
    "498": ("MDA", "Moldova"),
    "643": ("RUS", "Russia"),
    "762": ("TJK", "Tajikistan"),
    "795": ("TKM", "Turkmenistan"),
    "804": ("UKR", "Ukraine"),
    "860": ("UZB", "Uzbekistan"),
}
# Douglas-Peucker tolerance in degrees (about 2 km): keeps Armenia and Moldova recognisable.
TOLERANCE = 0.02
# Islands smaller than this (square degrees; 0.05 is about 300 km² at 60° N) are dropped.
# Enclaves (Sokh, Vorukh, Artsvashen ...) touch a neighbour and are always kept.
MIN_AREA = 0.05
DECIMALS = 2  # about 1 km
# Natural Earth 4.1 draws Crimea inside Russia (its "de facto" policy); this box holds the
# peninsula and no other Russian polygon, so we can hand it back to Ukraine (UN GA res. 68/262).
CRIMEA_BOX = (32.0, 44.0, 37.0, 46.5)


def polygons_by_state(topo: dict, arcs: list, states: dict) -> dict[str, list[list[list[int]]]]:
    """Return alpha-3 -> polygons as arc-index rings, with Crimea moved to Ukraine."""
    out: dict[str, list[list[list[int]]]] = {}
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom.get("id") in states:
            polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
            out[states[geom["id"]][0]] = [list(p) for p in polys]
    missing = {iso3 for iso3, _ in states.values()} - set(out)
    if missing:
        raise ValueError(f"not in the TopoJSON: {sorted(missing)}")
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]

    def inside_crimea_box(poly: list[list[int]]) -> bool:
        x0, y0, x1, y1 = CRIMEA_BOX
        return all(
            x0 <= x * sx + tx <= x1 and y0 <= y * sy + ty <= y1
            for i in poly[0]
            for x, y in (arcs[i] if i >= 0 else arcs[~i])
        )

    crimea = [p for p in out["RUS"] if inside_crimea_box(p)]
    if len(crimea) > 1:
        raise ValueError("more than one Russian polygon in the Crimea box; check CRIMEA_BOX")
    for poly in crimea:
        out["RUS"].remove(poly)
        # Join it to the mainland polygon it shares the Perekop border with: no line is drawn there.
        mainland = next(p for p in out["UKR"] if any(~i in p[0] for i in poly[0]))
        mainland[0] = merge_rings(arcs, mainland[0], poly[0])
    return out


def ring_coords(ring: list[int], arcs: list, topo: dict, shift: bool) -> list[list[float]]:
    """Return a ring as rounded [lon, lat] pairs built from the (already simplified) arcs."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    coords: list[list[float]] = []
    for i in ring:
        part = arcs[i] if i >= 0 else arcs[~i][::-1]
        for x, y in part[1:] if coords else part:
            lon, lat = x * sx + tx, y * sy + ty
            if shift and lon < 0:  # Chukotka: east of 180° is drawn at 180–190°, not at −180°
                lon += 360
            point = [round(lon, DECIMALS) + 0.0, round(lat, DECIMALS) + 0.0]
            if not coords or point != coords[-1]:
                coords.append(point)
    return coords


def build(topo: dict, wanted: dict = STATES) -> dict:
    """Return the GeoJSON FeatureCollection of the wanted states (numeric id -> iso3, name)."""
    quantized = decode_arcs(topo)
    states = polygons_by_state(topo, quantized, wanted)
    used = {i if i >= 0 else ~i for polys in states.values() for p in polys for r in p for i in r}
    # Simplify shared arcs once, so neighbours keep exactly the same border (no gaps or overlaps).
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = list(quantized)
    for i in sorted(used):
        deg = [(x * sx + tx, y * sy + ty) for x, y in quantized[i]]
        kept = set(simplify(deg, TOLERANCE))
        arcs[i] = [q for q, d in zip(quantized[i], deg, strict=True) if d in kept]
    # An arc used by one geometry only is coast; a polygon made only of coast is an island.
    uses: dict[int, int] = {}
    for geom in topo["objects"]["countries"]["geometries"]:
        polys = geom.get("arcs", [])
        polys = polys if geom["type"] == "MultiPolygon" else [polys]
        for i in {i if i >= 0 else ~i for p in polys for r in p for i in r}:
            uses[i] = uses.get(i, 0) + 1
    features = []
    for iso3, name in sorted(wanted.values()):
        polygons, islands = [], []
        for poly in states[iso3]:
            rings = [ring_coords(r, arcs, topo, shift=iso3 == "RUS") for r in poly]
            rings = [r for r in rings if len(r) >= 4]
            if not rings:
                continue
            # RFC 7946: exterior rings counter-clockwise, holes clockwise.
            rings = [r if (area(r) > 0) == (k == 0) else r[::-1] for k, r in enumerate(rings)]
            island = all(uses[i if i >= 0 else ~i] == 1 for i in poly[0])
            (islands if island else polygons).append(rings)
        largest = max(abs(area(p[0])) for p in polygons + islands)
        polygons += [p for p in islands if abs(area(p[0])) >= min(MIN_AREA, largest)]
        polygons.sort(key=lambda p: -abs(area(p[0])))
        geometry = {"type": "MultiPolygon", "coordinates": polygons}
        if len(polygons) == 1:
            geometry = {"type": "Polygon", "coordinates": polygons[0]}
        props = {"iso3": iso3, "name_en": name}
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def dumps(collection: dict) -> str:
    """Return compact JSON with one feature per line, so a diff shows which state changed."""
    compact = {"separators": (",", ":"), "ensure_ascii": False}
    lines = [json.dumps(f, **compact) for f in collection["features"]]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="countries-50m.json from world-atlas")
    parser.add_argument("out", type=Path, help="where to write the GeoJSON")
    args = parser.parse_args()
    topo = json.loads(args.topojson.read_text(encoding="utf-8"))
    text = dumps(build(topo))
    args.out.write_text(text, encoding="utf-8", newline="\n")
    print(f"{args.out}: {len(text.encode('utf-8'))} bytes")


if __name__ == "__main__":
    main()
