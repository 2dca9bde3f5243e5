"""TopoJSON geometry for the map builder: decode arcs, simplify lines, merge rings, measure areas."""

from __future__ import annotations

import itertools
import math


def decode_arcs(topo: dict) -> list[list[tuple[int, int]]]:
    """Return every arc as absolute quantized points (undoing the delta encoding)."""
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x, y))
        out.append(points)
    return out


def simplify(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Return the Douglas-Peucker simplification of an open line, keeping both ends."""
    if len(points) < 3:
        return points
    # Measure in an equirectangular frame so a degree of longitude in the north is not overrated.
    k = math.cos(math.radians(sum(p[1] for p in points) / len(points)))
    pts = [(x * k, y) for x, y in points]
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = pts[a], pts[b]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        best, index = -1.0, -1
        for i in range(a + 1, b):
            px, py = pts[i]
            if norm == 0:  # a closed island arc: start and end coincide
                d = math.hypot(px - ax, py - ay)
            else:
                d = abs(dx * (py - ay) - dy * (px - ax)) / norm
            if d > best:
                best, index = d, i
        if index > 0 and best > tol:
            keep[index] = True
            stack += [(a, index), (index, b)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def signed_ends(arcs: list, i: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """Return (start, end) of arc i, where a negative index ~i means the arc reversed."""
    arc = arcs[i] if i >= 0 else arcs[~i][::-1]
    return arc[0], arc[-1]


def merge_rings(arcs: list, ring_a: list[int], ring_b: list[int]) -> list[int]:
    """Return one ring of arc indices that dissolves the border shared by two rings."""
    shared = {i for i in ring_a if ~i in ring_b}
    rest = [i for i in ring_a if i not in shared] + [i for i in ring_b if ~i not in shared]
    by_start = {signed_ends(arcs, i)[0]: i for i in rest}
    ring, current = [rest[0]], rest[0]
    while True:
        current = by_start[signed_ends(arcs, current)[1]]
        if current == ring[0]:
            break
        ring.append(current)
    if len(ring) != len(rest):
        raise ValueError("the shared border is not one piece; cannot merge the two rings")
    return ring


def area(ring: list[tuple[float, float]]) -> float:
    """Return the signed shoelace area (positive = counter-clockwise)."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2
