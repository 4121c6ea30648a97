"""Reference for bench/eis.ts: SciPy's least_squares (MINPACK Levenberg-Marquardt, as impedance.py's
curve_fit uses) on the same modulus-weighted complex misfit of R0-p(R1,CPE1)-p(R2,CPE2), in ln p
for positive parameters, from the same start, with its forward-difference Jacobian and with the exact
one. Reads the spectrum as JSON on stdin; prints for each the median time of 9 runs and the reduced
chi-square reached."""
import json
import sys
import time

import numpy as np
from scipy.optimize import least_squares

data = json.load(sys.stdin)
f = np.array(data["frequency_Hz"])
z = np.array(data["real_ohm"]) + 1j * np.array(data["imaginary_ohm"])
w = 2 * np.pi * f
fraction = [False, False, False, True, False, False, True]


def model(x):
    p = [v if frac else np.exp(v) for v, frac in zip(x, fraction)]
    r0, r1, q1, a1, r2, q2, a2 = p
    arc1 = 1 / (1 / r1 + q1 * (1j * w) ** a1)
    arc2 = 1 / (1 / r2 + q2 * (1j * w) ** a2)
    return r0 + arc1 + arc2


def residuals(x):
    d = (model(x) - z) / np.abs(z)
    return np.concatenate([d.real, d.imag])


def jacobian(x):
    """Exact d residual / d x: d arc/dR = arc^2/R^2, d arc/dQ = -arc^2 (jw)^a, d arc/da = -arc^2 Q (jw)^a ln(jw);
    times p for the ln p coordinates."""
    p = [v if frac else np.exp(v) for v, frac in zip(x, fraction)]
    r0, r1, q1, a1, r2, q2, a2 = p
    columns = [np.ones_like(w, dtype=complex) * r0]
    for r, q, a in ((r1, q1, a1), (r2, q2, a2)):
        jwa = (1j * w) ** a
        arc = 1 / (1 / r + q * jwa)
        columns += [arc**2 / r, -(arc**2) * jwa * q, -(arc**2) * q * jwa * np.log(1j * w)]
    d = np.array(columns).T / np.abs(z)[:, None]
    return np.concatenate([d.real, d.imag])


start = np.array([v if frac else np.log(v) for v, frac in zip(data["initial"], fraction)])
dof = 2 * len(f) - len(start)
out = {}
for name, jac in (("differences", "2-point"), ("exact", jacobian)):
    samples = []
    for _ in range(9):
        t = time.perf_counter()
        result = least_squares(
            residuals, start, jac=jac, method="lm", xtol=1e-14, ftol=1e-14, gtol=1e-14, max_nfev=10000
        )
        samples.append(time.perf_counter() - t)
    samples.sort()
    out[name] = {"seconds": samples[4], "reducedChiSquare": float(np.sum(result.fun**2) / dof)}
print(json.dumps(out))
