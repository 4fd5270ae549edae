"""scikit-learn's GaussianMixture on one benchmark problem: `sklearn_em.py <problem dir>`.

Reads the problem that bench/problem.ts wrote (meta.json and raw little-endian float64 files), times
`fit` with the common start, tol=0 and max_iter=T by the same rules as bench/timing.ts, and prints
one JSON line: ms per iteration, the final score(X), the BLAS in use.

The caller sets OPENBLAS_NUM_THREADS=OMP_NUM_THREADS=MKL_NUM_THREADS=1 (one core, like the others).

Every start parameter is given, so stock `fit` would still draw initial responsibilities and run an
M-step on them whose result `_initialize` then discards. The subclass below skips that wasted pass and
sets the given start exactly as `_initialize` does; the EM loop, the final E-step and `score` are
scikit-learn's own.
"""

import json
import os
import sys
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture


class GivenStart(GaussianMixture):
    def _initialize_parameters(self, X, random_state):
        self.weights_ = np.array(self.weights_init, copy=True)
        self.means_ = np.array(self.means_init, copy=True)
        if self.covariance_type == "full":
            self.precisions_cholesky_ = np.array([np.linalg.cholesky(p) for p in self.precisions_init])
        elif self.covariance_type == "tied":
            self.precisions_cholesky_ = np.linalg.cholesky(self.precisions_init)
        else:
            self.precisions_cholesky_ = np.sqrt(self.precisions_init)


def read(directory, name, shape):
    return np.fromfile(os.path.join(directory, name + ".f64"), dtype="<f8").reshape(shape)


def blas_description():
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "threadpoolctl not importable"
    found = [
        "{} {} {}, {} thread(s)".format(
            info.get("internal_api"), info.get("version"), info.get("architecture", ""), info.get("num_threads")
        )
        for info in threadpool_info()
        if info.get("user_api") == "blas"
    ]
    return "; ".join(found) or "no BLAS reported"


def main():
    directory = sys.argv[1]
    with open(os.path.join(directory, "meta.json")) as f:
        meta = json.load(f)
    n, d, k = meta["rows"], meta["cols"], meta["components"]
    covariance, iterations, timing = meta["covariance"], meta["iterations"], meta["timing"]
    X = read(directory, "x", (n, d))
    weights = read(directory, "weights", (k,))
    means = read(directory, "means", (k, d))
    # The start of bench/run-wasm.ts's startOf, in each type's compact form.
    if covariance == "full":
        precisions = np.linalg.inv(read(directory, "covariances", (k, d, d)))
    elif covariance == "tied":
        precisions = np.linalg.inv(read(directory, "covariances", (k, d, d))[0])
    elif covariance == "spherical":
        precisions = 1.0 / read(directory, "variances", (k, d)).mean(axis=1)
    else:
        precisions = 1.0 / read(directory, "variances", (k, d))

    def fit(max_iter):
        model = GivenStart(
            n_components=k,
            covariance_type=covariance,
            tol=0,
            max_iter=max_iter,
            reg_covar=meta["regCovar"],
            weights_init=weights,
            means_init=means,
            precisions_init=precisions,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            began = time.perf_counter()
            model.fit(X)
            return model, (time.perf_counter() - began) * 1000

    fit(2)  # warm-up
    per_iteration, fits_per_timing, spent, model = [], 0, 0.0, None
    while len(per_iteration) < timing["repeats"] and (not per_iteration or spent < timing["budgetMs"]):
        elapsed, fits = 0.0, 0
        while fits < fits_per_timing if fits_per_timing else elapsed < timing["minRunMs"]:
            model, ms = fit(iterations)
            elapsed += ms
            fits += 1
        fits_per_timing = fits
        spent += elapsed
        per_iteration.append(elapsed / (fits * iterations))
    if model.n_iter_ != iterations:
        raise SystemExit("sklearn ran {} iterations, expected {}".format(model.n_iter_, iterations))
    print(
        json.dumps(
            {
                "status": "ok",
                "msPerIteration": float(np.median(per_iteration)),
                "perIteration": per_iteration,
                "fitsPerTiming": fits_per_timing,
                "logLikelihood": float(model.score(X)),
                "blas": blas_description(),
                "note": "fit time / T inside Python (data already loaded): includes validation and the "
                "final E-step; the discarded initial M-step is skipped (see bench/sklearn_em.py)",
            }
        )
    )


if __name__ == "__main__":
    main()
