"""Generate reference fixtures for gmm-wasm's BayesianGaussianMixture from scikit-learn.

Run from the repository root with a Python that has numpy and scikit-learn (1.2.1):

    /usr/bin/python3 scripts/make-bayesian-fixtures.py

Writes ``test/fixtures/sklearn-bayesian/<name>.json``, one file per data set (see DATASETS): the data
``X``, the initial responsibilities ``resp`` that ``init_params='random'`` draws from
``random_state=SEED`` (``RandomState(SEED).uniform(size=(N, K))``, rows normalised, exactly as
``BaseMixture._initialize_parameters``), and for both weight priors x four covariance types x
default and non-default priors ("priors" in each run), the state after T in (0, 1, 20) iterations:
the variational parameters, ``weights_``, the lower bound after every iteration (sklearn's total,
``lower_bounds``), ``score_samples``, ``predict_proba`` and ``predict`` of the first rows.

The iterations are sklearn's own methods driven as ``BaseMixture.fit_predict`` drives them
(``_initialize``, ``_e_step``, ``_m_step``, ``_compute_lower_bound``), so that the bound after every
iteration can be recorded; the script checks that the result is the one ``fit`` with
``max_iter=T, tol=0`` gives. Floats are written with ``repr`` (shortest round trip), never rounded.

Also writes ``special.json``: scipy's ``gammaln``, ``digamma`` and ``betaln`` over arguments from
1e-8 to 1e10 (the zeros of log-gamma and digamma included), and sklearn's ``_log_wishart_norm`` and
``_log_dirichlet_norm`` at assorted arguments.
"""

import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.datasets import load_iris
from sklearn.exceptions import ConvergenceWarning
from scipy.special import betaln, digamma, gammaln
from sklearn.mixture import BayesianGaussianMixture
from sklearn.mixture._bayesian_mixture import _log_dirichlet_norm, _log_wishart_norm

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
FIXTURE_DIR = os.path.join(ROOT, "test", "fixtures", "sklearn-bayesian")

COVARIANCE_TYPES = ["full", "diag", "spherical", "tied"]
WEIGHT_PRIORS = {"dirichlet-process": "dirichlet_process", "dirichlet-distribution": "dirichlet_distribution"}
MAX_ITERS = [0, 1, 20]
SEED = 3
N_EVAL_ROWS = 8


def blobs_2d(rng):
    centres = np.array([[0.0, 0.0], [5.0, 1.0], [1.0, 6.0]])
    return np.vstack([rng.normal(c, [0.8, 1.2], size=(30, 2)) for c in centres])


def mix_5d(rng):
    a = rng.normal(size=(5, 5))
    b = rng.normal(size=(5, 5))
    first = rng.multivariate_normal(np.zeros(5), a @ a.T / 5 + np.eye(5), size=70)
    second = rng.multivariate_normal(np.full(5, 3.0), b @ b.T / 5 + 0.5 * np.eye(5), size=50)
    return np.vstack([first, second])


def iris(_rng):
    return load_iris().data


# name: (K, data seed, generator); K above the number of groups, so that components can switch off.
DATASETS = {
    "blobs-2d": (5, 11, blobs_2d),
    "mix-5d": (4, 12, mix_5d),
    "iris": (6, 0, iris),
}


def custom_priors(x, ct, weight_prior):
    """Non-default priors of every kind, each of the shape the covariance type takes."""
    n, d = x.shape
    cov = np.atleast_2d(np.cov(x.T))
    prior = {
        "weightConcentration": 0.01 if weight_prior == "dirichlet-process" else 2.5,
        "meanPrecision": 0.3,
        "meanPrior": (x.mean(0) + 0.5).tolist(),
        "degreesOfFreedom": d + 2.5,
    }
    if ct in ("full", "tied"):
        prior["covariancePrior"] = (1.5 * cov + 0.1 * np.eye(d)).tolist()
    elif ct == "diag":
        prior["covariancePrior"] = (1.5 * np.var(x, axis=0, ddof=1) + 0.1).tolist()
    else:
        prior["covariancePrior"] = 0.7
    return prior


def estimator(k, ct, weight_prior, priors, max_iter):
    kwargs = dict(
        n_components=k,
        covariance_type=ct,
        weight_concentration_prior_type=WEIGHT_PRIORS[weight_prior],
        init_params="random",
        random_state=SEED,
        max_iter=max_iter,
        tol=0.0,
    )
    if priors:
        kwargs.update(
            weight_concentration_prior=priors["weightConcentration"],
            mean_precision_prior=priors["meanPrecision"],
            mean_prior=np.array(priors["meanPrior"]),
            degrees_of_freedom_prior=priors["degreesOfFreedom"],
            covariance_prior=np.array(priors["covariancePrior"]) if ct != "spherical" else priors["covariancePrior"],
        )
    return BayesianGaussianMixture(**kwargs)


def snapshot(bgm, x, lower_bounds):
    bgm._set_parameters(bgm._get_parameters())  # weights_, as fit leaves it
    rows = x[:N_EVAL_ROWS]
    wc = bgm.weight_concentration_
    return {
        "weight_concentration": [np.asarray(v).tolist() for v in wc] if isinstance(wc, tuple) else [wc.tolist()],
        "mean_precision": np.asarray(bgm.mean_precision_).tolist(),
        "means": bgm.means_.tolist(),
        "degrees_of_freedom": np.broadcast_to(bgm.degrees_of_freedom_, (bgm.n_components,)).tolist(),
        "covariances": np.asarray(bgm.covariances_).tolist(),
        "weights": bgm.weights_.tolist(),
        "lower_bounds": list(lower_bounds),
        "score_samples": bgm.score_samples(rows).tolist(),
        "predict_proba": bgm.predict_proba(rows).tolist(),
        "predict": bgm.predict(rows).tolist(),
    }


def run(x, resp, k, ct, weight_prior, priors):
    """Every T of MAX_ITERS from one sequence of iterations, checked against `fit`."""
    bgm = estimator(k, ct, weight_prior, priors, max(MAX_ITERS))
    bgm._check_parameters(x)
    bgm._initialize(x, resp)
    states = {}
    bounds = []
    if 0 in MAX_ITERS:
        states[0] = snapshot(bgm, x, bounds)
    for t in range(1, max(MAX_ITERS) + 1):
        log_prob_norm, log_resp = bgm._e_step(x)
        bgm._m_step(x, log_resp)
        bounds.append(float(bgm._compute_lower_bound(log_resp, log_prob_norm)))
        if t in MAX_ITERS:
            states[t] = snapshot(bgm, x, bounds)
    for t, state in states.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            fitted = estimator(k, ct, weight_prior, priors, t).fit(x)
        assert np.allclose(fitted.means_, state["means"], rtol=1e-12, atol=1e-12), (ct, weight_prior, t)
        assert np.allclose(fitted.covariances_, state["covariances"], rtol=1e-12, atol=1e-14), (ct, weight_prior, t)
        if t > 0:
            assert np.isclose(fitted.lower_bound_, state["lower_bounds"][-1], rtol=1e-12), (ct, weight_prior, t)
    return [
        {"covariance_type": ct, "weight_prior": weight_prior, "priors": priors, "max_iter": t, **state}
        for t, state in states.items()
    ]


def dumps_compact(v):
    return json.dumps(v, separators=(",", ":"), allow_nan=False)


def write_json(path, obj, list_key):
    lines = []
    for key, val in obj.items():
        if key == list_key:
            items = ",\n".join(dumps_compact(it) for it in val)
            lines.append(f"{json.dumps(key)}:[\n{items}\n]")
        else:
            lines.append(f"{json.dumps(key)}:{dumps_compact(val)}")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("{\n" + ",\n".join(lines) + "\n}\n")


SPECIAL_ARGUMENTS = [
    1e-8, 1e-3, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0, 1.1, 1.4616321449683622, 1.5, 1.9, 2.0, 2.1, 2.5,
    3.0, 3.7, 5.0, 7.3, 9.99, 10.0, 10.01, 14.999, 15.0, 15.5, 20.0, 33.3, 100.0, 1234.5, 12345.678,
    1e5 + 0.5, 1e7, 1e10,
]


def write_special():
    rng = np.random.default_rng(5)
    xs = np.array(SPECIAL_ARGUMENTS)
    pairs = [(1.0 + a, 0.01 + b) for a, b in rng.exponential(20.0, size=(12, 2))] + [(1.0, 1.0), (0.5, 0.5), (1e5, 3.0), (2.0, 1e6)]
    wishart = []
    for d in (1, 2, 5, 8):
        for dof in (d - 1 + 1e-3, d + 0.0, d + 2.5, 57.25, 1e5):
            for log_det in (-3.2, 0.0, 1.7):
                wishart.append([dof, log_det, d, float(_log_wishart_norm(np.array([dof]), np.array([log_det]), d)[0])])
    dirichlet = [[c.tolist(), float(_log_dirichlet_norm(c))] for c in (rng.exponential(5.0, size=k) + 1e-3 for k in (1, 2, 3, 8))]
    obj = {
        "sklearn_version": sklearn.__version__,
        "log_gamma": [[x, float(gammaln(x))] for x in xs],
        "digamma": [[x, float(digamma(x))] for x in xs],
        "log_beta": [[a, b, float(betaln(a, b))] for a, b in pairs],
        "log_wishart_norm": wishart,
        "log_dirichlet_norm": dirichlet,
    }
    path = os.path.join(FIXTURE_DIR, "special.json")
    os.makedirs(FIXTURE_DIR, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(dumps_compact(obj) + "\n")


def main():
    write_special()
    for name, (k, data_seed, gen) in DATASETS.items():
        x = np.asarray(gen(np.random.default_rng(data_seed)), dtype=np.float64)
        n, d = x.shape
        resp = np.random.RandomState(SEED).uniform(size=(n, k))
        resp /= resp.sum(axis=1)[:, np.newaxis]
        runs = []
        for weight_prior in WEIGHT_PRIORS:
            for ct in COVARIANCE_TYPES:
                runs += run(x, resp, k, ct, weight_prior, None)
                runs += run(x, resp, k, ct, weight_prior, custom_priors(x, ct, weight_prior))
        obj = {
            "sklearn_version": sklearn.__version__,
            "name": name,
            "n_components": k,
            "seed": SEED,
            "X": x.tolist(),
            "resp": resp.tolist(),
            "runs": runs,
        }
        path = os.path.join(FIXTURE_DIR, f"{name}.json")
        write_json(path, obj, "runs")
        print(f"{name:10s} N={n} D={d} K={k} runs={len(runs)} {os.path.getsize(path) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
