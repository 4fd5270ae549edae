"""Generate reference fixtures for gmm-wasm from scikit-learn.

Run from the repository root with a Python that has numpy and scikit-learn:

    /usr/bin/python3 scripts/make-fixtures.py

All output paths are relative to this script's own location, so the working
directory does not matter. The script writes:

* ``demo/data/iris.csv`` -- the 150 Iris rows from ``sklearn.datasets.load_iris``
  (header ``sepal_length,sepal_width,petal_length,petal_width,species``).
* ``test/fixtures/sklearn/<name>.json`` -- one file per dataset (see DATASETS):
  the data ``X``, explicit initial parameters ``init`` and, for every
  covariance type in ('full', 'diag', 'spherical', 'tied') and every
  ``max_iter`` in (1, 5, 50), the state of a ``GaussianMixture`` fitted with
  ``tol=0`` (so exactly ``max_iter`` EM iterations run) starting from ``init``.
* ``test/fixtures/sklearn/iris-selection.json`` -- model selection on raw Iris:
  for K in 1..6 and every covariance type, a ``GaussianMixture`` with ``tol=0``
  and ``max_iter=100`` started from uniform weights, K distinct Iris rows as
  means (the first K of one seeded permutation, recorded) and ``c * I`` as
  covariance, ``c`` the mean per-feature variance (a start every type can
  represent); each candidate records its start, ``bic``, ``aic``, ``score``,
  ``n_parameters`` and ``converged`` (see SELECTION).
* ``test/fixtures/metrics.json`` -- reference values of
  ``sklearn.metrics.adjusted_rand_score`` and contingency / confusion matrices.

Everything is deterministic (``numpy.random.default_rng(seed)`` per dataset).
Floats are written by ``json`` with ``repr`` (shortest round-trip), never
rounded, so consumers can compare at ~1e-8 relative tolerance.

Notes on sklearn semantics that consumers must mirror:

* One "iteration" is E-step, then M-step. ``lower_bound`` is the mean
  log-likelihood computed in the E-step of the *last* iteration, i.e. under the
  parameters *before* the final M-step; ``score`` is ``score(X)`` under the
  final parameters. With ``tol=0``, ``converged`` is always False and
  ``n_iter == max_iter``.
* The initial precisions are passed as ``precisions_init`` (compact form for the
  covariance type); ``init_covariances_compact`` in each run holds the matching
  covariances, so the consumer can start from the same point.
* M-step details: ``nk = resp.sum(0) + 10 * eps``; weights are ``nk / sum(nk)``;
  ``reg_covar`` is added to the diagonal (tied: once, to the pooled matrix;
  spherical: the mean of the regularised diagonal variances).
"""

import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.datasets import load_iris
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import adjusted_rand_score, confusion_matrix
from sklearn.metrics.cluster import contingency_matrix
from sklearn.mixture import GaussianMixture

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
IRIS_CSV = os.path.join(ROOT, "demo", "data", "iris.csv")
FIXTURE_DIR = os.path.join(ROOT, "test", "fixtures", "sklearn")
METRICS_JSON = os.path.join(ROOT, "test", "fixtures", "metrics.json")

COVARIANCE_TYPES = ["full", "diag", "spherical", "tied"]
MAX_ITERS = [1, 5, 50]
REG_COVAR = 1e-6
N_EVAL_ROWS = 10  # rows used for predict_proba / score_samples / predict
MIN_WEIGHT = 1e-3  # a fitted weight below this counts as a collapsed component

SELECTION_JSON = os.path.join(FIXTURE_DIR, "iris-selection.json")
# Candidates of the selection fixture and their fit settings. The seed draws the rows that start the
# means; with it every component keeps well over one row's worth of weight (MIN_SELECTION_ROWS), so
# the fits stay where gmm-wasm would not re-seed a collapsed component.
SELECTION = {"components": range(1, 7), "max_iter": 100, "seed": 7}
MIN_SELECTION_ROWS = 5.0


# ---------------------------------------------------------------------------
# Datasets
# ---------------------------------------------------------------------------


def iris_raw():
    return load_iris().data.astype(np.float64)


def random_spd(rng, d, std_lo, std_hi):
    """Random well-conditioned covariance: Q diag(s^2) Q^T, s ~ U(std_lo, std_hi)."""
    q, r = np.linalg.qr(rng.standard_normal((d, d)))
    q = q * np.sign(np.diag(r))  # Haar-distributed orthogonal matrix
    s = rng.uniform(std_lo, std_hi, size=d)
    cov = (q * s**2) @ q.T
    return (cov + cov.T) / 2


def sample_mixture(rng, n, means, covs, weights):
    """Draw n points; component sizes are fixed (rounded n*weights) and shuffled."""
    k = len(weights)
    counts = np.floor(np.asarray(weights) * n).astype(int)
    counts[: n - counts.sum()] += 1  # distribute the rounding remainder
    parts = [rng.multivariate_normal(means[j], covs[j], size=counts[j]) for j in range(k)]
    x = np.vstack(parts)
    return x[rng.permutation(n)]


def make_blobs_2d(rng):
    # Three well separated blobs (means far apart relative to stds <= 1.5).
    means = np.array([[-6.0, -4.0], [5.0, -3.0], [0.5, 6.0]]) + rng.uniform(-1, 1, (3, 2))
    covs = [random_spd(rng, 2, 0.4, 1.5) for _ in range(3)]
    return sample_mixture(rng, 300, means, covs, [0.3, 0.45, 0.25])


def make_mix_5d(rng):
    means = rng.uniform(-7, 7, size=(4, 5))
    covs = [random_spd(rng, 5, 0.5, 2.0) for _ in range(4)]
    return sample_mixture(rng, 500, means, covs, [0.4, 0.3, 0.2, 0.1])


def make_mix_16d(rng):
    # Moderately separated: means ~ N(0, 1.5^2) per coordinate -> pairwise
    # distances ~ 8.5, component stds in [0.5, 1.5].
    means = rng.normal(0.0, 1.5, size=(8, 16))
    covs = [random_spd(rng, 16, 0.5, 1.5) for _ in range(8)]
    weights = np.array([0.18, 0.16, 0.14, 0.12, 0.12, 0.1, 0.1, 0.08])
    return sample_mixture(rng, 400, means, covs, weights)


def make_mix_3d_k2(rng):
    # Overlapping: mean distance ~2.2 with stds up to ~1.5.
    means = np.array([[1.0, 0.5, -0.5], [-0.5, -1.0, 0.5]])
    covs = [random_spd(rng, 3, 0.6, 1.5) for _ in range(2)]
    return sample_mixture(rng, 250, means, covs, [0.6, 0.4])


def make_iris_standardized(_rng):
    x = iris_raw()
    return (x - x.mean(axis=0)) / x.std(axis=0)  # ddof=0, like StandardScaler


# name -> (K, data seed, init seed, generator)
DATASETS = {
    "iris": (3, 0, 101, lambda rng: iris_raw()),
    "iris-standardized": (3, 0, 102, make_iris_standardized),
    "blobs-2d": (3, 2024, 103, make_blobs_2d),
    "mix-5d": (4, 5, 104, make_mix_5d),
    "mix-16d": (8, 16, 105, make_mix_16d),
    "mix-3d-k2": (2, 32, 106, make_mix_3d_k2),
}


# ---------------------------------------------------------------------------
# Initial parameters
# ---------------------------------------------------------------------------


def make_init(rng, x, k):
    """Explicit starting point: non-uniform weights, K data rows, diagonal covs."""
    n, d = x.shape
    while True:  # Dirichlet weights, redrawn until every weight is >= 0.05
        w = rng.dirichlet(np.full(k, 4.0))
        if w.min() >= 0.05:
            break
    w = w / w.sum()
    rows = np.sort(rng.choice(n, size=k, replace=False))
    means = x[rows].copy()
    var = x.var(axis=0)  # ddof=0
    u = rng.uniform(0.5, 1.5, size=(k, d))
    covs = np.array([np.diag(u[j] * var) for j in range(k)])
    return w, means, covs, rows


def compact_init(covs_full, ct):
    """Compact initial covariances and the matching sklearn precisions_init."""
    if ct == "full":
        cov = covs_full.copy()
        prec = np.array([np.linalg.inv(c) for c in cov])
    elif ct == "diag":
        cov = np.array([np.diag(c) for c in covs_full])
        prec = 1.0 / cov
    elif ct == "spherical":
        cov = np.array([np.diag(c).mean() for c in covs_full])
        prec = 1.0 / cov
    elif ct == "tied":
        cov = covs_full.mean(axis=0)
        prec = np.linalg.inv(cov)
    return cov, prec


def to_full(cov, ct, k, d):
    """Expand sklearn's compact covariances_ to K x D x D."""
    if ct == "full":
        return np.asarray(cov)
    if ct == "tied":
        return np.repeat(cov[None, :, :], k, axis=0)
    if ct == "diag":
        return np.array([np.diag(c) for c in cov])
    return np.array([c * np.eye(d) for c in cov])  # spherical


# ---------------------------------------------------------------------------
# Fitting
# ---------------------------------------------------------------------------


def eval_rows(n):
    return sorted(set(np.linspace(0, n - 1, N_EVAL_ROWS).round().astype(int).tolist()))


def fit_run(x, k, init, ct, t, rows):
    w, means, covs_full = init
    cov0, prec0 = compact_init(covs_full, ct)
    gm = GaussianMixture(
        n_components=k,
        covariance_type=ct,
        tol=0,
        max_iter=t,
        reg_covar=REG_COVAR,
        weights_init=w,
        means_init=means,
        precisions_init=prec0,
        random_state=0,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        gm.fit(x)
    d = x.shape[1]
    ss_all = gm.score_samples(x)
    score = gm.score(x)
    assert np.isclose(score, ss_all.mean(), rtol=1e-14, atol=0), (score, ss_all.mean())
    return gm, {
        "covariance_type": ct,
        "max_iter": t,
        "init_covariances_compact": cov0.tolist(),
        "n_iter": int(gm.n_iter_),
        "converged": bool(gm.converged_),
        "lower_bound": float(gm.lower_bound_),
        "weights": gm.weights_.tolist(),
        "means": gm.means_.tolist(),
        "covariances": gm.covariances_.tolist(),
        "covariances_full": to_full(gm.covariances_, ct, k, d).tolist(),
        "precisions_cholesky": gm.precisions_cholesky_.tolist(),
        "score": float(score),
        "bic": float(gm.bic(x)),
        "aic": float(gm.aic(x)),
        "n_parameters": int(gm._n_parameters()),
        "rows": rows,
        "predict_proba": gm.predict_proba(x[rows]).tolist(),
        "score_samples": ss_all[rows].tolist(),
        "predict": gm.predict(x[rows]).tolist(),
        "predict_all": gm.predict(x).tolist(),
    }


# ---------------------------------------------------------------------------
# Model selection
# ---------------------------------------------------------------------------


def isotropic_precisions(variance, ct, k, d):
    """sklearn's precisions_init for covariances variance * I, in the compact form of `ct`."""
    if ct == "full":
        return np.repeat(np.eye(d)[None, :, :] / variance, k, axis=0)
    if ct == "tied":
        return np.eye(d) / variance
    if ct == "diag":
        return np.full((k, d), 1.0 / variance)
    return np.full(k, 1.0 / variance)  # spherical


def selection_candidates(x):
    """Every (K, covariance type) of SELECTION, K outer, fitted from its recorded start."""
    n, d = x.shape
    variance = float(x.var(axis=0).mean())  # ddof=0
    _, first = np.unique(x, axis=0, return_index=True)  # one index per distinct row
    order = np.random.default_rng(SELECTION["seed"]).permutation(np.sort(first))
    candidates = []
    for k in SELECTION["components"]:
        rows = sorted(order[:k].tolist())
        init = {"rows": rows, "weights": np.full(k, 1.0 / k), "means": x[rows], "variance": variance}
        for ct in COVARIANCE_TYPES:
            gm = GaussianMixture(
                n_components=k,
                covariance_type=ct,
                tol=0,
                max_iter=SELECTION["max_iter"],
                reg_covar=REG_COVAR,
                weights_init=init["weights"],
                means_init=init["means"],
                precisions_init=isotropic_precisions(variance, ct, k, d),
                random_state=0,
            )
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                gm.fit(x)
            smallest = gm.weights_.min() * n
            assert smallest >= MIN_SELECTION_ROWS, (k, ct, smallest)
            candidates.append(
                {
                    "components": k,
                    "covariance_type": ct,
                    "init": {**init, "weights": init["weights"].tolist(), "means": init["means"].tolist()},
                    "n_iter": int(gm.n_iter_),
                    "converged": bool(gm.converged_),
                    "score": float(gm.score(x)),
                    "bic": float(gm.bic(x)),
                    "aic": float(gm.aic(x)),
                    "n_parameters": int(gm._n_parameters()),
                }
            )
    return candidates


def write_selection_fixture():
    x = iris_raw()
    n, d = x.shape
    candidates = selection_candidates(x)
    obj = {
        "sklearn_version": sklearn.__version__,
        "name": "iris-selection",
        "n_samples": n,
        "n_features": d,
        "reg_covar": REG_COVAR,
        "tol": 0,
        "max_iter": SELECTION["max_iter"],
        "seed": SELECTION["seed"],
        "X": x.tolist(),
        "candidates": candidates,
    }
    write_json(SELECTION_JSON, obj, list_key="candidates")
    print(f"wrote {os.path.relpath(SELECTION_JSON, ROOT)}; BIC (rows K, columns {', '.join(COVARIANCE_TYPES)}):")
    for k in SELECTION["components"]:
        bics = [c["bic"] for c in candidates if c["components"] == k]
        print(f"  K={k}  " + "  ".join(f"{b:10.3f}" for b in bics))


# ---------------------------------------------------------------------------
# Output helpers
# ---------------------------------------------------------------------------


def dumps_compact(v):
    return json.dumps(v, separators=(",", ":"), allow_nan=False)


def write_json(path, obj, list_key=None):
    """Top-level keys one per line; list items of `list_key` one per line."""
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


def write_iris_csv():
    iris = load_iris()
    names = ["sepal_length", "sepal_width", "petal_length", "petal_width", "species"]
    os.makedirs(os.path.dirname(IRIS_CSV), exist_ok=True)
    with open(IRIS_CSV, "w", encoding="utf-8", newline="\n") as f:
        f.write(",".join(names) + "\n")
        for row, target in zip(iris.data, iris.target):
            vals = [repr(float(v)) for v in row]  # e.g. 5.1, 0.2 (shortest repr)
            f.write(",".join(vals + [str(iris.target_names[target])]) + "\n")


# ---------------------------------------------------------------------------
# Metrics fixtures
# ---------------------------------------------------------------------------


def metrics_cases():
    rng = np.random.default_rng(7)
    iris_y = load_iris().target
    # Noisy iris labelling: permute label names, then reassign ~20% at random.
    noisy = np.array([2, 0, 1])[iris_y]
    flip = rng.random(150) < 0.2
    noisy[flip] = rng.integers(0, 3, size=flip.sum())
    base = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2]
    cases = [
        ("identical", base, base),
        ("permuted-labels", base, [2, 2, 2, 0, 0, 0, 1, 1, 1, 1]),
        ("pred-all-one-cluster", base, [0] * 10),
        ("pred-each-own-cluster", base, list(range(10))),
        ("both-one-cluster", [3] * 5, [0] * 5),
        ("small-partial", [0, 0, 1, 1, 1], [0, 0, 1, 1, 2]),
        ("anti-correlated", [0, 0, 1, 1], [0, 1, 0, 1]),
        ("random-seed-7", rng.integers(0, 3, 100).tolist(), rng.integers(0, 4, 100).tolist()),
        ("iris-vs-noisy", iris_y.tolist(), noisy.tolist()),
    ]
    out = []
    for name, yt, yp in cases:
        yt, yp = np.asarray(yt), np.asarray(yp)
        labels = np.union1d(yt, yp)
        out.append(
            {
                "name": name,
                "labels_true": yt.tolist(),
                "labels_pred": yp.tolist(),
                "ari": float(adjusted_rand_score(yt, yp)),
                "contingency": contingency_matrix(yt, yp).tolist(),
                "confusion_labels": labels.tolist(),
                "confusion_matrix": confusion_matrix(yt, yp, labels=labels).tolist(),
            }
        )
    return out


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def main():
    write_iris_csv()
    print(f"wrote {os.path.relpath(IRIS_CSV, ROOT)}")

    problems = []
    for name, (k, data_seed, init_seed, gen) in DATASETS.items():
        x = np.asarray(gen(np.random.default_rng(data_seed)), dtype=np.float64)
        n, d = x.shape
        w, means, covs, _ = make_init(np.random.default_rng(init_seed), x, k)
        rows = eval_rows(n)
        runs = []
        min_w, max_cond = np.inf, 0.0
        for ct in COVARIANCE_TYPES:
            for t in MAX_ITERS:
                gm, run = fit_run(x, k, (w, means, covs), ct, t, rows)
                runs.append(run)
                min_w = min(min_w, gm.weights_.min())
                full = np.array(run["covariances_full"])
                max_cond = max(max_cond, max(np.linalg.cond(c) for c in full))
                if gm.weights_.min() < MIN_WEIGHT:
                    problems.append(f"{name} {ct} T={t}: min weight {gm.weights_.min():.3g}")
        obj = {
            "sklearn_version": sklearn.__version__,
            "name": name,
            "n_samples": n,
            "n_features": d,
            "n_components": k,
            "reg_covar": REG_COVAR,
            "X": x.tolist(),
            "init": {"weights": w.tolist(), "means": means.tolist(), "covariances": covs.tolist()},
            "runs": runs,
        }
        path = os.path.join(FIXTURE_DIR, f"{name}.json")
        write_json(path, obj, list_key="runs")

        # Sanity: the file round-trips exactly; score == mean(score_samples).
        with open(path, encoding="utf-8") as f:
            back = json.load(f)
        assert back["X"] == obj["X"] and back["runs"] == runs
        full50 = next(r for r in back["runs"] if r["covariance_type"] == "full" and r["max_iter"] == 50)
        print(
            f"{name:18s} N={n:3d} D={d:2d} K={k}  {os.path.getsize(path) / 1024:7.1f} KiB  "
            f"full/T=50 score={full50['score']:.6f} lower_bound={full50['lower_bound']:.6f}  "
            f"min weight={min_w:.4f} max cond={max_cond:.3g}"
        )

    write_selection_fixture()

    write_json(
        METRICS_JSON,
        {"sklearn_version": sklearn.__version__, "cases": metrics_cases()},
        list_key="cases",
    )
    print(f"wrote {os.path.relpath(METRICS_JSON, ROOT)}")
    if problems:
        print("DEGENERATE COMPONENTS:\n  " + "\n  ".join(problems))
    else:
        print(f"no collapsed components (all fitted weights >= {MIN_WEIGHT})")


if __name__ == "__main__":
    main()
