"""Reference for the interface-2d benchmark: SciPy on the exact matrix our solver assembled, exported
as CSR arrays. Two peers, each timed with its set-up: SuperLU's direct solve with a symmetric
minimum-degree ordering (MMD on A^T + A, the right one for an SPD matrix), and BiCGStab preconditioned by SuperLU's
incomplete LU (spilu, same ordering) to the same relative residual as ours. CG would be the natural
choice for an SPD matrix, but SuperLU's ILU is not symmetric (its dropping and pivoting differ
between L and U) and CG stalls with it; an incomplete Cholesky is not in SciPy. Prints JSON timings
and the largest differences from our solution."""
import json
import sys
import time

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spla

ORDERING = "MMD_AT_PLUS_A"
ILU_DROP_TOLERANCE = 1e-4
ILU_FILL_FACTOR = 5


def main():
    folder = sys.argv[1]
    n = int(open(f"{folder}/n.txt").read())
    indptr = np.fromfile(f"{folder}/indptr.bin", dtype=np.int32)
    indices = np.fromfile(f"{folder}/indices.bin", dtype=np.int32)
    data = np.fromfile(f"{folder}/data.bin", dtype=np.float64)
    rhs = np.fromfile(f"{folder}/rhs.bin", dtype=np.float64)
    ours = np.fromfile(f"{folder}/solution.bin", dtype=np.float64)
    csr = sp.csr_matrix((data, indices, indptr), shape=(n, n))
    csc = csr.tocsc()

    start = time.perf_counter()
    direct = spla.spsolve(csc, rhs, permc_spec=ORDERING)
    direct_seconds = time.perf_counter() - start
    # Reported at once, so that a bench that stops the slower ILU peer still sees it.
    print(f"spsolve (MMD ordering) took {direct_seconds:.3f} s", file=sys.stderr, flush=True)

    start = time.perf_counter()
    ilu = spla.spilu(csc, drop_tol=ILU_DROP_TOLERANCE, fill_factor=ILU_FILL_FACTOR, permc_spec=ORDERING)
    preconditioner = spla.LinearOperator((n, n), matvec=ilu.solve)
    ilu_setup_seconds = time.perf_counter() - start
    iterations = [0]

    def count(_):
        iterations[0] += 1

    krylov, info = spla.bicgstab(csr, rhs, rtol=1e-10, maxiter=2000, M=preconditioner, callback=count)
    ilu_krylov_seconds = time.perf_counter() - start
    scale = np.max(np.abs(direct)) or 1.0
    print(json.dumps({
        "directSeconds": direct_seconds,
        "iluKrylovSeconds": ilu_krylov_seconds,
        "iluSetupSeconds": ilu_setup_seconds,
        "iluKrylovIterations": iterations[0],
        "iluKrylovConverged": info == 0,
        "maxDifference": float(np.max(np.abs(direct - ours)) / scale),
        "iluKrylovMaxDifference": float(np.max(np.abs(krylov - direct)) / scale),
    }))


if __name__ == "__main__":
    main()
