"""Reference for the interface-2d benchmark: SciPy's direct sparse solve and (Jacobi-preconditioned)
CG on the exact matrix our solver assembled, exported as CSR arrays. Prints JSON timings and the
largest difference from our solution."""
import json
import sys
import time

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spla


def main():
    folder = sys.argv[1]
    n = int(open(f"{folder}/n.txt").read())
    indptr = np.fromfile(f"{folder}/indptr.bin", dtype=np.int32)
    indices = np.fromfile(f"{folder}/indices.bin", dtype=np.int32)
    data = np.fromfile(f"{folder}/data.bin", dtype=np.float64)
    rhs = np.fromfile(f"{folder}/rhs.bin", dtype=np.float64)
    ours = np.fromfile(f"{folder}/solution.bin", dtype=np.float64)
    matrix = sp.csr_matrix((data, indices, indptr), shape=(n, n)).tocsc()
    start = time.perf_counter()
    direct = spla.spsolve(matrix, rhs)
    direct_seconds = time.perf_counter() - start
    diag = matrix.diagonal()
    jacobi = spla.LinearOperator((n, n), matvec=lambda v: v / diag)
    iterations = [0]

    def count(_):
        iterations[0] += 1

    start = time.perf_counter()
    cg, info = spla.cg(matrix.tocsr(), rhs, rtol=1e-10, maxiter=20000, M=jacobi, callback=count)
    cg_seconds = time.perf_counter() - start
    scale = np.max(np.abs(direct)) or 1.0
    print(json.dumps({
        "directSeconds": direct_seconds,
        "cgSeconds": cg_seconds,
        "cgIterations": iterations[0],
        "cgConverged": info == 0,
        "maxDifference": float(np.max(np.abs(direct - ours)) / scale),
    }))


if __name__ == "__main__":
    main()
