"""Reference for the grain-selection benchmark: the dense multi-order-parameter Allen-Cahn scheme,
vectorised with NumPy (every grain in every cell). Reads the setup as JSON on stdin (grid, per-grain
L, kappa, drive, nuclei columns, dt, steps, fill time) and prints the texture fractions and time."""
import json
import sys
import time

import numpy as np

GAMMA = 1.5


def main():
    s = json.load(sys.stdin)
    nx, ny, dx = s["nx"], s["ny"], s["dx"]
    mobility = np.array(s["mobility"])[:, None, None]
    gradient = np.array(s["gradient"])[:, None, None]
    drive = np.array(s["drive"])[:, None, None]
    w, dt, steps, fill_time = s["w"], s["dt"], s["steps"], s["fillTime"]
    # The per-grain rates in the order the TypeScript step forms them (same rounding).
    rate = dt * mobility
    landau_rate = rate * w
    drive_rate = rate * 6 * drive
    gradient_rate = rate * gradient / (dx * dx)
    grains = len(s["mobility"])
    phi = np.zeros((grains, ny, nx))
    for q, column in enumerate(s["columns"]):
        phi[q, 0, column] = 1.0
    active = 1
    start = time.perf_counter()
    for step in range(steps):
        t = step * dt
        wanted = min(ny, 1 + int((ny - 1) * t / fill_time + 1e-9))
        while active < wanted:
            phi[:, active, :] = phi[:, active - 1, :]
            active += 1
        p = phi[:, :active, :]
        padded = np.pad(p, ((0, 0), (1, 1), (1, 1)), mode="edge")  # zero-flux walls and front
        neighbours = padded[:, 1:-1, :-2] + padded[:, 1:-1, 2:] + padded[:, :-2, 1:-1] + padded[:, 2:, 1:-1]
        sum_sq = (p * p).sum(axis=0)
        bulk = -p + p * p * p + 2 * GAMMA * p * (sum_sq - p * p)
        update = p - landau_rate * bulk - drive_rate * p * (1 - p) + gradient_rate * (neighbours - 4 * p)
        # The sparse scheme's band rule (phaseField.ts, keeps): above `present`, or positive next to
        # cells holding more than `present` of the grain.
        present = s["present"]
        update[~((update > present) | ((update > 0) & (neighbours > present)))] = 0.0
        phi[:, :active, :] = update
    seconds = time.perf_counter() - start
    dominant = phi.argmax(axis=0)
    valid = phi.max(axis=0) > 0.5
    orientation = np.array(s["orientation"])[dominant][valid]
    fractions = [float((orientation == k).mean()) for k in range(3)]
    print(json.dumps({"seconds": seconds, "fractions": fractions}))


if __name__ == "__main__":
    main()
