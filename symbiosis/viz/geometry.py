"""Where things go on the map: projected positions, curved arrows, a scale bar (numpy only).

Positions are longitude and latitude drawn on plain axes whose aspect ratio is
1/cos(latitude), so distances look right near the network (no map tiles: the
page works offline).
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["KM_PER_DEGREE", "arrow_ends", "arrow_sizes", "aspect_ratio", "bends", "centre_latitude", "core_mask",
           "curves", "place_labels", "polyline", "scale_bar"]

KM_PER_DEGREE = 111.32


def centre_latitude(lats) -> float:
    """The latitude (degrees) the aspect ratio is taken at: the middle of the actors."""
    lats = np.asarray(lats, float)
    return float((lats.min() + lats.max()) / 2) if lats.size else 0.0


def aspect_ratio(lat0: float) -> float:
    """Plotly ``scaleratio`` of the y (latitude) axis against x (longitude): 1/cos(lat0)."""
    return 1.0 / max(math.cos(math.radians(lat0)), 0.05)


def curves(x0, y0, x1, y1, bend, points: int = 12, end: float | np.ndarray = 0.86) -> tuple[np.ndarray, np.ndarray]:
    """Quadratic Bezier curves from (x0, y0) towards (x1, y1), stopping at ``end`` of the way
    (one number, or one per curve).

    ``bend`` is the sideways offset of the control point as a share of the
    length, to the right of the direction of travel, so A->B and B->A never
    overlap. Returns two arrays of shape (n, points).

    >>> x, y = curves([0.0], [0.0], [1.0], [0.0], [0.0], points=3, end=1.0)
    >>> x.round(2).tolist(), y.round(2).tolist()
    ([[0.0, 0.5, 1.0]], [[0.0, 0.0, 0.0]])
    """
    x0, y0, x1, y1, bend = (np.asarray(a, float)[:, None] for a in (x0, y0, x1, y1, bend))
    dx, dy = x1 - x0, y1 - y0
    cx, cy = (x0 + x1) / 2 + bend * dy, (y0 + y1) / 2 - bend * dx
    t = np.asarray(end, float).reshape(-1, 1) * np.linspace(0.0, 1.0, points)[None, :]
    u = 1 - t
    return u * u * x0 + 2 * u * t * cx + t * t * x1, u * u * y0 + 2 * u * t * cy + t * t * y1


def arrow_ends(x0, y0, x1, y1, gap: float, ratio: float = 1.0) -> np.ndarray:
    """How far along each arrow to stop so that it ends ``gap`` (in x units) short of its target:
    1 - gap / length, kept between 0.7 and 0.98. ``ratio`` scales y to x units.

    >>> arrow_ends([0, 0], [0, 0], [1, 10], [0, 0], gap=0.1).round(2).tolist()
    [0.9, 0.98]
    """
    length = np.hypot(np.subtract(x1, x0), np.subtract(y1, y0) * ratio)
    return np.clip(1 - gap / np.maximum(length, 1e-12), 0.7, 0.98)


def bends(pairs: list[tuple[str, str]], base: float = 0.12, step: float = 0.1) -> np.ndarray:
    """A sideways bend for each (from, to) pair so parallel edges fan out."""
    seen: dict[frozenset, int] = {}
    out = []
    for a, b in pairs:
        key = frozenset((a, b))
        i = seen.get(key, 0)
        seen[key] = i + 1
        out.append(base + step * i)
    return np.array(out, float)


def polyline(xs: np.ndarray, ys: np.ndarray) -> tuple[list, list]:
    """Rows of points joined into one plotly line with ``None`` between rows, rounded to 1e-5
    degrees (about a metre), which keeps the page small."""
    n, k = xs.shape
    gap = np.full((n, 1), np.nan)
    fx = np.hstack([xs, gap]).ravel().round(5)
    fy = np.hstack([ys, gap]).ravel().round(5)
    return [None if math.isnan(v) else float(v) for v in fx], [None if math.isnan(v) else float(v) for v in fy]


def arrow_sizes(n: int, k: int, size) -> list[float]:
    """Marker sizes for :func:`polyline` rows: ``size`` at each row's last point, 0 elsewhere."""
    sizes = np.zeros((n, k + 1))
    sizes[:, k - 1] = size
    return sizes.ravel().tolist()


def scale_bar(x_range: tuple[float, float], lat0: float) -> tuple[float, str]:
    """A round length for a scale bar about a fifth of the map's width: (degrees of longitude, label)."""
    km_per_deg = KM_PER_DEGREE * math.cos(math.radians(lat0))
    width_km = (x_range[1] - x_range[0]) * km_per_deg
    nice = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
    km = max([v for v in nice if v <= max(width_km / 5, 0.1)])
    return km / km_per_deg, (f"{km:g} km" if km >= 1 else f"{km * 1000:g} m")


#: Where a label may sit around its dot, in order of preference: plotly textposition and the
#: label box's offset from the dot centre in units of (label width, label height, dot radius).
_SPOTS = (
    ("top center", -0.5, -1.0, 0, -1), ("bottom center", -0.5, 0.0, 0, 1),
    ("middle right", 0.0, -0.5, 1, 0), ("middle left", -1.0, -0.5, -1, 0),
    ("top right", 0.0, -1.0, 0.7, -0.7), ("top left", -1.0, -1.0, -0.7, -0.7),
    ("bottom right", 0.0, 0.0, 0.7, 0.7), ("bottom left", -1.0, 0.0, -0.7, 0.7),
)


def place_labels(x_px, y_px, radius, width, height: float = 15.0) -> list[str | None]:
    """A plotly ``textposition`` for each dot's label so that labels overlap neither each other
    nor other dots, or None where no spot is free (the name then shows on hover only).

    Positions are in screen pixels (y grows downwards); dots are placed in the given order, so
    pass the most important first.

    >>> place_labels([0, 0], [0, 14], [5, 5], [40, 40])
    ['top center', 'bottom center']
    >>> place_labels([0] * 10, [0] * 10, [5] * 10, [40] * 10)[-1] is None  # ten dots on one spot
    True
    """
    x, y = np.asarray(x_px, float), np.asarray(y_px, float)
    r, w = np.asarray(radius, float), np.asarray(width, float)
    dots = np.column_stack([x - r, y - r, x + r, y + r])
    boxes: list[tuple[float, float, float, float]] = []
    out: list[str | None] = []
    for i in range(len(x)):
        chosen = None
        for name, fx, fy, rx, ry in _SPOTS:
            left = x[i] + fx * w[i] + rx * (r[i] + 2)
            top = y[i] + fy * height + ry * (r[i] + 1)
            box = (left, top, left + w[i], top + height)
            others = np.delete(dots, i, axis=0)
            hits_dot = bool(((others[:, 0] < box[2]) & (others[:, 2] > box[0])
                             & (others[:, 1] < box[3]) & (others[:, 3] > box[1])).any())
            hits_label = any(b[0] < box[2] and b[2] > box[0] and b[1] < box[3] and b[3] > box[1] for b in boxes)
            if not hits_dot and not hits_label:
                chosen = name
                boxes.append(box)
                break
        out.append(chosen)
    return out


def core_mask(lon, lat, lat0: float, factor: float = 3.0, least_km: float = 1.0) -> np.ndarray:
    """True for actors near the middle of the network: within ``factor`` x the median distance
    (at least ``least_km``) of the median position. Far-away partners (a lake, farms, a market
    abroad) are False, so the map can open on the industrial area.

    >>> core_mask([11.10, 11.11, 11.12, 11.30], [55.66, 55.66, 55.67, 55.59], 55.66).tolist()
    [True, True, True, False]
    """
    lon, lat = np.asarray(lon, float), np.asarray(lat, float)
    kx = KM_PER_DEGREE * math.cos(math.radians(lat0))
    d = np.hypot((lon - np.median(lon)) * kx, (lat - np.median(lat)) * KM_PER_DEGREE)
    return d <= max(factor * float(np.median(d)), least_km)
