"""The post-Soviet outlines projected onto a flat map, simplified to what the screen can show."""

from __future__ import annotations

import itertools
import json
import math
from functools import cache
from pathlib import Path

from ._data import DATA

GEOJSON = DATA / "geo" / "post-soviet.geojson"
# Albers equal-area conic centred on the former USSR, computed here: no geo subplot, no CDN.
_LON0, _LAT0, _LAT1, _LAT2, _R = 82.0, 55.0, 45.0, 65.0, 6371.0
# The map is drawn at about 12 km per CSS pixel (6,750 km of height over its 560-pixel plot).
# One map unit is UNIT_KM: coordinates are whole units, short in the figure's JSON, and a bend
# that leaves the outline by no more than TOLERANCE_KM (half a pixel) is dropped.
UNIT_KM, TOLERANCE_KM = 5, 6.0
Point = tuple[float, float]


def project(lon: float, lat: float) -> Point:
    """Return the point in km on the map's plane."""
    sin1, sin2 = math.sin(math.radians(_LAT1)), math.sin(math.radians(_LAT2))
    n = (sin1 + sin2) / 2
    c = math.cos(math.radians(_LAT1)) ** 2 + 2 * n * sin1
    rho0 = math.sqrt(c - 2 * n * math.sin(math.radians(_LAT0))) / n
    rho = math.sqrt(c - 2 * n * math.sin(math.radians(lat))) / n
    theta = n * math.radians(lon - _LON0)
    return _R * rho * math.sin(theta), _R * (rho0 - rho * math.cos(theta))


def _off_line(p: Point, a: Point, b: Point) -> float:
    (x, y), (x0, y0), (x1, y1) = p, a, b
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy)
    if not length:
        return math.hypot(x - x0, y - y0)
    return abs(dy * x - dx * y + x1 * y0 - y1 * x0) / length


def simplify(line: list[Point], tolerance: float) -> list[Point]:
    """Return the line with every point dropped that lies within tolerance of the line left
    (Douglas–Peucker), first and last points kept."""
    keep, todo = {0, len(line) - 1}, [(0, len(line) - 1)]
    while todo:
        lo, hi = todo.pop()
        far, at = max(((_off_line(line[i], line[lo], line[hi]), i) for i in range(lo + 1, hi)),
                      default=(0.0, lo))  # fmt: skip
        if far > tolerance:
            keep.add(at)
            todo += [(lo, at), (at, hi)]
    return [line[i] for i in sorted(keep)]


def _ring(ring: list[Point]) -> list[tuple[int, int]]:
    # Two halves, so the ring stays closed and keeps its far side.
    half = len(ring) // 2
    kept = simplify(ring[: half + 1], TOLERANCE_KM)[:-1] + simplify(ring[half:], TOLERANCE_KM)
    units = [(round(x / UNIT_KM), round(y / UNIT_KM)) for x, y in kept]
    return [p for i, p in enumerate(units) if i == 0 or p != units[i - 1]]


def _centroid(ring: list[Point]) -> Point:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        cross = x0 * y1 - x1 * y0
        a, cx, cy = a + cross, cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
    return cx / (3 * a), cy / (3 * a)


@cache
def outlines(path: Path = GEOJSON) -> dict[str, tuple[list, list, Point]]:
    """Return iso3 -> (xs, ys, label point) in map units; rings are split by None."""
    out = {}
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        geom = feature["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        rings = [[project(lon, lat) for lon, lat in ring] for poly in polys for ring in poly]
        drawn = [_ring(ring) for ring in rings]
        xs = [v for ring in drawn for v in [*(x for x, _ in ring), None]][:-1]
        ys = [v for ring in drawn for v in [*(y for _, y in ring), None]][:-1]
        cx, cy = _centroid(rings[0])  # the largest ring comes first
        out[feature["properties"]["iso3"]] = (xs, ys, (cx / UNIT_KM, cy / UNIT_KM))
    return out


def km(x: float, y: float) -> Point:
    """Return a point given in km in map units."""
    return x / UNIT_KM, y / UNIT_KM
