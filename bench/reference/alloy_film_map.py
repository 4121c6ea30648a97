"""Reference for the alloy-film benchmark: the same finite-volume BDF2 scheme in NumPy/SciPy.

Solves Wang2024 Fig. 4c (20 runs, constant D) and prints JSON with the utilizations and the wall
times of the solve, so the benchmark can compare both speed and answers in one run: the first map
(cold: first calls into NumPy/SciPy) and the median of `repeats` maps after it (warm), as the
TypeScript side measures its own.
"""
import json
import math
import sys
import time

import numpy as np
from scipy.linalg import solve_banded
from scipy.optimize import brentq

FARADAY = 96485.33212


def geometric_faces(length, cells, first):
    if first * cells >= length:
        return np.linspace(0.0, length, cells + 1)
    span = lambda r: first * (r**cells - 1) / (r - 1) - length
    upper = 2.0
    while span(upper) < 0:
        upper *= 2
    ratio = brentq(span, 1 + 1e-12, upper, xtol=1e-15)
    widths = first * ratio ** np.arange(cells)
    faces = np.concatenate([[0.0], np.cumsum(widths)])
    faces[-1] = length
    return faces


def saturation(L, cmax, D, i, cells, steps):
    J = i / FARADAY
    fill = cmax * L / J
    semi = math.pi * D * (cmax / (2 * J)) ** 2
    run_time = min(fill, semi)
    penetration = math.sqrt(math.pi) * D * cmax / (2 * J)
    faces = geometric_faces(L, cells, min(L / cells, penetration / (cells / 4)))
    w = np.diff(faces)
    x = 0.5 * (faces[1:] + faces[:-1])
    h = np.diff(x)
    g = D / h  # face conductances
    stiffness = np.zeros((3, cells))
    stiffness[0, 1:] = -g
    stiffness[2, :-1] = -g
    stiffness[1, :-1] += g
    stiffness[1, 1:] += g
    c = np.zeros(cells)
    c_old = c.copy()
    t = 0.0
    last = 0.0

    def step(dt):
        a0, a1, a2 = 1.0, -1.0, 0.0
        if last > 0:
            om = dt / last
            a0, a1, a2 = (1 + 2 * om) / (1 + om), -(1 + om), om * om / (1 + om)
        ab = stiffness.copy()
        ab[1] += w * a0 / dt
        rhs = -w * (a1 * c + a2 * c_old) / dt
        rhs[0] += J
        return solve_banded((1, 1), ab, rhs)

    surface = lambda state: state[0] + J * x[0] / D
    while True:
        dt = min(run_time, 1e-3 * run_time + 10 * t) / steps
        if last > 0:
            dt = min(dt, 2 * last)
        nxt = step(dt)
        if surface(nxt) >= cmax:
            excess = lambda s: surface(step(s) if s > 0 else c) - cmax
            dt = brentq(excess, 0.0, dt, xtol=dt * 1e-13)
            nxt = step(dt)
            t += dt
            return t, float(np.dot(nxt, w)) / L / cmax
        c_old, c = c, nxt
        t += dt
        last = dt


def timed_map(cells, steps):
    diffusivities = [1e-16, 1e-15, 6e-15, 1e-14, 1e-13]
    currents = [1.0, 5.0, 10.0, 20.0]
    start = time.perf_counter()
    utilization = [saturation(5e-6, 69.6e3, D, i, cells, steps)[1] for i in currents for D in diffusivities]
    return time.perf_counter() - start, utilization


def main():
    cells, steps = int(sys.argv[1]), int(sys.argv[2])
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    cold, utilization = timed_map(cells, steps)
    warm = sorted(timed_map(cells, steps)[0] for _ in range(repeats))
    print(json.dumps({"coldSeconds": cold, "warmSeconds": warm[len(warm) // 2], "utilization": utilization}))


if __name__ == "__main__":
    main()
