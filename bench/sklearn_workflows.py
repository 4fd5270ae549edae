"""scikit-learn's side of the workflow rows of `npm run bench`: `sklearn_workflows.py fit|select <problem dir>`.

Reads the rows that bench/problem.ts wrote (meta.json and x.f64) and times, after a small warm-up, each of
`meta["workflow"]["repeats"]` runs of one workflow end to end inside Python (data already loaded):

- fit: GaussianMixture(n_components=K, covariance_type="full", init_params="kmeans", n_init=5) with the
  tol, max_iter and reg_covar in meta["workflow"], random_state=0;
- select: the same estimator with n_init=1 over every covariance type in meta["workflow"]["types"] and
  K = 1..meta["workflow"]["maxComponents"], the lowest bic(X) chosen (the loop a user writes).

Prints one JSON line: the wall times in ms, the EM iterations of the last run (every M-step, summed over
restarts or candidates), the final score(X) or the chosen model. The caller sets one BLAS thread.
"""

import json
import os
import sys
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture


class Counted(GaussianMixture):
    """GaussianMixture counting its M-steps: one per EM iteration, of every restart."""

    m_steps = 0

    def _m_step(self, X, log_resp):
        Counted.m_steps += 1
        super()._m_step(X, log_resp)


def estimator(settings, components, covariance, restarts):
    return Counted(
        n_components=components,
        covariance_type=covariance,
        init_params="kmeans",
        n_init=restarts,
        tol=settings["tol"],
        max_iter=settings["maxIter"],
        reg_covar=settings["regCovar"],
        random_state=0,
    )


def fit(X, settings, components):
    model = estimator(settings, components, "full", settings["restarts"]).fit(X)
    return {"logLikelihood": float(model.score(X))}


def select(X, settings, _components):
    best = None
    for covariance in settings["types"]:
        for k in range(1, settings["maxComponents"] + 1):
            bic = estimator(settings, k, covariance, 1).fit(X).bic(X)
            if best is None or bic < best[0]:
                best = (bic, covariance, k)
    return {"chosen": {"covariance": best[1], "components": best[2], "bic": float(best[0])}}


def main():
    workflow, directory = sys.argv[1], sys.argv[2]
    with open(os.path.join(directory, "meta.json")) as f:
        meta = json.load(f)
    n, d, k, settings = meta["rows"], meta["cols"], meta["components"], meta["workflow"]
    X = np.fromfile(os.path.join(directory, "x.f64"), dtype="<f8").reshape((n, d))
    run = {"fit": fit, "select": select}[workflow]
    times, result = [], None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        estimator(settings, 2, "full", 1).fit(X[: min(n, 2000)])  # warm-up: sklearn's lazy imports
        for _ in range(settings["repeats"]):
            Counted.m_steps = 0
            began = time.perf_counter()
            result = run(X, settings, k)
            times.append((time.perf_counter() - began) * 1000)
    print(json.dumps({"ms": times, "iterations": Counted.m_steps, **result}))


if __name__ == "__main__":
    main()
