"""Where things go on the map: projected positions, curved arrows, a scale bar (numpy only).

Positions are longitude and latitude drawn on plain axes whose aspect ratio is
1/cos(latitude), so distances look right near the network (no map tiles: the
page works offline).
"""

from __future__ import annotations

import math

import numpy as np

KM_PER_DEGREE = 111.32


def centre_latitude(lats) -> float:
    """The latitude (degrees) the aspect ratio is taken at: the middle of the actors."""
    lats = np.asarray(lats, float)
    return float((lats.min() + lats.max()) / 2) if lats.size else 0.0


def aspect_ratio(lat0: float) -> float:
    """Plotly ``scaleratio`` of the y (latitude) axis against x (longitude): 1/cos(lat0)."""
    return 1.0 / max(math.cos(math.radians(lat0)), 0.05)


def curves(x0, y0, x1, y1, bend, points: int = 12, end: float = 0.86) -> tuple[np.ndarray, np.ndarray]:
    """Quadratic Bezier curves from (x0, y0) towards (x1, y1), stopping at ``end`` of the way.

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
    t = np.linspace(0.0, end, points)[None, :]
    u = 1 - t
    return u * u * x0 + 2 * u * t * cx + t * t * x1, u * u * y0 + 2 * u * t * cy + t * t * y1


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
    """Rows of points joined into one plotly line with ``None`` between rows."""
    n, k = xs.shape
    gap = np.full((n, 1), np.nan)
    fx = np.hstack([xs, gap]).ravel()
    fy = np.hstack([ys, gap]).ravel()
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
