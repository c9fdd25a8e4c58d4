"""Build data/basemap.geojson: the countries of Natural Earth (1:50m, public domain) around Syria,
clipped and simplified, for the HTML page's offline map.

The input is ``countries-50m.json`` of the npm package world-atlas (Natural Earth as TopoJSON, ISC
licence): ``npm pack world-atlas@2.0.2`` and unpack it. Run once; the output is committed.

    python tools/build_basemap.py package/countries-50m.json data/basemap.geojson

What it does: decodes the TopoJSON (delta-encoded, quantized arcs), keeps each country's polygons,
clips every ring to the box (lon 20..56, lat 27..58: Syria, Turkey, Iraq, Lebanon, Israel, Jordan,
Cyprus, the Caucasus, Iran's west, the Black Sea and north to Moscow, where the talks are held),
simplifies it (Douglas-Peucker, TOLERANCE degrees) and rounds the coordinates to ROUND decimals. A
country whose polygons fall outside the box is left out.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

BOX = (20.0, 27.0, 56.0, 58.0)  # west, south, east, north: to Moscow, where talks are held
TOLERANCE = 0.02  # degrees (about 2 km): the page shows a region, not a coastline survey
ROUND = 3

Point = tuple[float, float]
Ring = list[Point]


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """The topology's arcs as absolute (lon, lat) points."""
    transform = topology.get("transform")
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(x), float(y)) for x, y in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_of(indexes: Sequence[int], arcs: list[list[Point]]) -> Ring:
    """A ring from its arcs (a negative index ~i is arc i reversed), each arc's first point dropped
    after the first arc: it is the previous arc's last."""
    ring: Ring = []
    for i in indexes:
        points = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        ring.extend(points if not ring else points[1:])
    return ring


def clip(ring: Ring, box: tuple[float, float, float, float] = BOX) -> Ring:
    """Sutherland-Hodgman: the ring clipped to the box (edges along the box where it was cut)."""
    west, south, east, north = box
    edges = (
        (lambda p: p[0] >= west, lambda a, b: _at_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _at_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _at_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _at_y(a, b, north)),
    )
    out = ring
    for inside, cross in edges:
        if not out:
            break
        points, out = out, []
        prev = points[-1]
        for cur in points:
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
            prev = cur
    return out


def _at_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _at_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def simplify(points: Ring, tolerance: float = TOLERANCE) -> Ring:
    """Douglas-Peucker, iteratively (no recursion limit on long coasts)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, -1
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _distance(p: Point, a: Point, b: Point) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return float(((x - x1) ** 2 + (y - y1) ** 2) ** 0.5)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return float(((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5)


def polygons_of(geometry: dict[str, Any]) -> list[list[list[int]]]:
    if geometry.get("type") == "Polygon":
        return [geometry["arcs"]]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry["arcs"])
    return []


def country_feature(geometry: dict[str, Any], arcs: list[list[Point]]) -> dict[str, Any] | None:
    polygons = []
    for polygon in polygons_of(geometry):
        rings = []
        for indexes in polygon:
            ring = simplify(clip(ring_of(indexes, arcs)))
            ring = [(round(x, ROUND), round(y, ROUND)) for x, y in ring]
            ring = [p for i, p in enumerate(ring) if i == 0 or p != ring[i - 1]]
            if len(ring) >= 3:
                if ring[0] != ring[-1]:
                    ring.append(ring[0])
                if len(ring) >= 4:
                    rings.append([list(p) for p in ring])
        if rings:
            polygons.append(rings)
    if not polygons:
        return None
    name = str(geometry.get("properties", {}).get("name", ""))
    return {
        "type": "Feature",
        "properties": {"name": name},
        "geometry": {"type": "MultiPolygon", "coordinates": polygons},
    }


def build(topology: dict[str, Any]) -> dict[str, Any]:
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        feature = country_feature(geometry, arcs)
        if feature is not None:
            features.append(feature)
    features.sort(key=lambda f: f["properties"]["name"])
    return {
        "type": "FeatureCollection",
        "license": "Natural Earth (naturalearthdata.com), public domain; via world-atlas 2.0.2 (ISC)",
        "bbox": list(BOX),
        "features": features,
    }


def main(argv: Sequence[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    topology = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    out = build(topology)
    Path(argv[1]).write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{argv[1]}: {len(out['features'])} countries, {Path(argv[1]).stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
