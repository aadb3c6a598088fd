#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the gaussian-naive-bayes kata.

Run with Debian's python3 (python3-sklearn, python3-scipy, python3-numpy):
    /usr/bin/python3 graders/gaussian-naive-bayes/generate_cases.py

Entry points (the case's "entry") and where their expected values come from — scikit-learn 1.2's GaussianNB:
  * Fit(x, y, varSmoothing) -> priors [C], means [C, d], variances [C, d]: GaussianNB(var_smoothing=v).fit(x, y)'s
    class_prior_, theta_, var_ (biased per-class variances + epsilon, epsilon = v * max_j var(x[:, j]) over ALL samples);
  * JointLogLikelihood(x, priors, means, variances) -> [m, C]: predict_joint_log_proba of a GaussianNB whose fitted
    attributes are set to the given model;
  * PredictLogProba(x, priors, means, variances) -> [m, C]: predict_log_proba of the same;
  * "Fit+Predict": Fit on (xTrain, yTrain), then both predictions on x with the fitted model (the constant-feature
    case: without epsilon a variance is 0 and the log-likelihood is not finite).
Cross-checks, all asserted:
  * an own implementation: priors = counts / n, means and biased variances per class by two-pass numpy, epsilon as above;
    joint log-likelihood = log prior + sum_j scipy.stats.norm.logpdf(x_j; mean, sqrt(var)); log-probabilities by
    scipy.special.logsumexp — equal to scikit-learn's to 1e-12 relative;
  * the mistakes the mutants make change the answer on the cases meant to catch them (printed per case).
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys
import warnings

import numpy as np
import scipy
import sklearn
from scipy.special import logsumexp
from scipy.stats import norm
from sklearn.naive_bayes import GaussianNB

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "gaussian-naive-bayes"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
WRITTEN = []


def own_fit(x, y, vs, ddof=0, eps_mode="max", expansion=False):
    c = int(y.max()) + 1
    n = len(y)
    counts = np.bincount(y, minlength=c)
    assert np.all(counts > 0)
    priors = counts / n
    means = np.stack([x[y == k].mean(axis=0) for k in range(c)])
    if expansion:
        var = np.stack([(x[y == k] ** 2).mean(axis=0) - x[y == k].mean(axis=0) ** 2 for k in range(c)])
    else:
        with np.errstate(invalid="ignore", divide="ignore"):
            var = np.stack([x[y == k].var(axis=0, ddof=ddof) for k in range(c)])
    total = x.var(axis=0)
    eps = {"max": vs * total.max(), "per-feature": vs * total, "raw": vs, "none": 0.0}[eps_mode]
    return priors, means, var + eps


def own_jll(x, priors, means, var, two_pi=True):
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.stack([np.log(priors[k]) + norm.logpdf(x, means[k], np.sqrt(var[k])).sum(axis=1)
                        for k in range(len(priors))], axis=1)
        if not two_pi:
            out = out + 0.5 * np.log(2 * np.pi) * x.shape[1]
    return out


def own_log_proba(jll, naive=False):
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if naive:
            return jll - np.log(np.exp(jll).sum(axis=1, keepdims=True))
        return jll - logsumexp(jll, axis=1, keepdims=True)


def sk_model(priors, means, var):
    m = GaussianNB()
    m.classes_ = np.arange(len(priors))
    m.class_prior_ = priors
    m.theta_ = means
    m.var_ = var
    m.n_features_in_ = means.shape[1]
    return m


def differs(a, b):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        return True
    with np.errstate(invalid="ignore"):
        return not np.allclose(a, b, rtol=1e-6, atol=1e-9, equal_nan=False) or not np.all(np.isfinite(a))


def write(name, entry, tensors, args, note):
    path = os.path.join(OUT_DIR, name + ".safetensors")
    meta = {"kata": SLUG, "entry": entry, "args": json.dumps(args), "note": f"{entry}: {note}"}
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, path
    WRITTEN.append((path, tensors, meta))


def fit_expected(x, y, vs):
    sk = GaussianNB(var_smoothing=vs).fit(x, y)
    priors, means, var = own_fit(x, y, vs)
    for a, b in ((sk.class_prior_, priors), (sk.theta_, means), (sk.var_, var)):
        assert np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-300)) <= 1e-12, "fit disagrees with sklearn"
    return sk.class_prior_.astype(np.float64), sk.theta_.astype(np.float64), sk.var_.astype(np.float64)


def fit_catches(x, y, vs, want):
    out = []
    variants = {
        "n-1 variance": own_fit(x, y, vs, ddof=1),
        "no smoothing": own_fit(x, y, vs, eps_mode="none"),
        "epsilon per feature": own_fit(x, y, vs, eps_mode="per-feature"),
        "epsilon unscaled": own_fit(x, y, vs, eps_mode="raw"),
        "E[x^2]-E[x]^2": own_fit(x, y, vs, expansion=True),
    }
    for name, (p, m, v) in variants.items():
        if differs(v, want[2]):
            out.append(name)
    c = len(want[0])
    if differs(np.full(c, 1.0 / c), want[0]):
        out.append("uniform priors")
    return out


def fit_case(name, x, y, vs, note, catches=()):
    x = np.ascontiguousarray(x, dtype=np.float64); y = np.ascontiguousarray(y, dtype=np.int64)
    want = fit_expected(x, y, vs)
    caught = fit_catches(x, y, vs, want)
    for c in catches:
        assert c in caught, (name, c, caught)
    print(f"{name}: Fit n={len(y)} d={x.shape[1]} C={len(want[0])} vs={vs:g} eps={vs * x.var(axis=0).max():.3g}; catches {caught}")
    write(name, "Fit", {"in.x": x, "in.y": y, "out.priors": want[0], "out.means": want[1], "out.variances": want[2]},
          {"varSmoothing": vs}, note)


def predict_expected(x, priors, means, var):
    sk = sk_model(priors, means, var)
    jll = sk.predict_joint_log_proba(x)
    lp = sk.predict_log_proba(x)
    own = own_jll(x, priors, means, var)
    assert np.max(np.abs(own - jll) / np.maximum(1.0, np.abs(jll))) <= 1e-12, "jll disagrees"
    assert np.max(np.abs(own_log_proba(own) - lp) / np.maximum(1.0, np.abs(lp))) <= 1e-12, "log proba disagrees"
    assert np.all(np.isfinite(jll)) and np.all(np.isfinite(lp))
    return jll, lp


def predict_catches(x, priors, means, var, jll, lp):
    out = []
    if differs(own_jll(x, priors, means, var, two_pi=False), jll):
        out.append("no 2pi")
    if differs(jll, lp):
        out.append("not normalised")
    if differs(own_log_proba(jll, naive=True), lp):
        out.append("naive logsumexp")
    return out


def predict_case(name, entry, x, priors, means, var, note, catches=()):
    x = np.ascontiguousarray(x, dtype=np.float64)
    priors, means, var = (np.ascontiguousarray(a, dtype=np.float64) for a in (priors, means, var))
    jll, lp = predict_expected(x, priors, means, var)
    caught = predict_catches(x, priors, means, var, jll, lp)
    for c in catches:
        assert c in caught, (name, c, caught)
    out = jll if entry == "JointLogLikelihood" else lp
    print(f"{name}: {entry} m={len(x)} d={x.shape[1]} C={len(priors)} |jll| up to {np.max(np.abs(jll)):.3g}; catches {caught}")
    key = "out.jointLogLikelihood" if entry == "JointLogLikelihood" else "out.logProba"
    write(name, entry, {"in.x": x, "in.priors": priors, "in.means": means, "in.variances": var, key: out}, {}, note)


def fit_predict_case(name, xt, yt, vs, x, note, catches=()):
    xt = np.ascontiguousarray(xt, dtype=np.float64); yt = np.ascontiguousarray(yt, dtype=np.int64)
    x = np.ascontiguousarray(x, dtype=np.float64)
    want = fit_expected(xt, yt, vs)
    jll, lp = predict_expected(x, *want)
    caught = fit_catches(xt, yt, vs, want)
    p0, m0, v0 = own_fit(xt, yt, vs, eps_mode="none")
    with np.errstate(divide="ignore", invalid="ignore"):
        bad = own_log_proba(own_jll(x, p0, m0, v0))
    if not np.all(np.isfinite(bad)):
        caught.append("no smoothing -> non-finite")
    caught += predict_catches(x, *want, jll, lp)
    for c in catches:
        assert c in caught, (name, c, caught)
    print(f"{name}: Fit+Predict n={len(yt)} m={len(x)} d={xt.shape[1]} C={len(want[0])}; catches {caught}")
    write(name, "Fit+Predict",
          {"in.xTrain": xt, "in.yTrain": yt, "in.x": x, "out.priors": want[0], "out.means": want[1],
           "out.variances": want[2], "out.jointLogLikelihood": jll, "out.logProba": lp}, {"varSmoothing": vs}, note)


def blobs(rng, n, d, c, spread, scales):
    centres = rng.normal(scale=spread, size=(c, d))
    y = np.concatenate([np.arange(c), rng.integers(0, c, size=n - c)])   # every class occurs
    rng.shuffle(y)
    return centres[y] + rng.normal(size=(n, d)) * scales, y


def main():
    warnings.simplefilter("ignore", RuntimeWarning)   # the n-1 variant divides by 0 on the single-sample class, on purpose
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(1_2_3)

    # ---- the statement's worked example
    x = np.array([[1.0, 2.0], [3.0, 2.0], [2.0, 5.0], [6.0, 0.0], [8.0, 1.0]])
    y = np.array([0, 0, 0, 1, 1])
    fit_case("01-fit-worked-example", x, y, 0.1, "the statement's worked example (n=5, d=2, C=2, varSmoothing=0.1)",
             catches=("n-1 variance", "no smoothing", "epsilon per feature", "epsilon unscaled", "uniform priors"))
    pr, mu, var = fit_expected(x, y, 0.1)
    xq = np.array([[2.0, 3.0], [7.0, 0.5], [4.5, 1.5]])
    predict_case("02-jll-worked-example", "JointLogLikelihood", xq, pr, mu, var,
                 "the statement's worked example: the model fitted above, 3 queries", catches=("no 2pi",))
    predict_case("03-log-proba-worked-example", "PredictLogProba", xq, pr, mu, var,
                 "the statement's worked example: the model fitted above, 3 queries", catches=("not normalised",))

    # ---- random fits
    x, y = blobs(rng, 300, 6, 4, 3.0, np.array([1.0, 0.1, 10.0, 1.0, 2.0, 0.5]))
    fit_case("04-fit-random", x, y, 1e-9, "random blobs n=300, d=6 (feature scales 0.1 to 10), C=4, varSmoothing=1e-9",
             catches=("n-1 variance", "uniform priors"))
    x, y = blobs(rng, 40, 3, 5, 2.0, 1.0)
    y[np.flatnonzero(y == 4)[1:]] = 3          # class 4 keeps one sample: its variance is 0 + epsilon
    fit_case("05-fit-single-sample-class", x, y, 1e-2,
             "class 4 has ONE sample: its biased variance is 0, so its variances equal epsilon (n-1 would divide by 0)",
             catches=("n-1 variance", "no smoothing", "epsilon per feature", "epsilon unscaled"))
    x, y = blobs(rng, 60, 4, 3, 2.0, 1.0)
    x[:, 2] = 7.0                                 # constant for every sample
    fit_case("06-fit-constant-feature", x, y, 1e-3,
             "feature 2 is 7.0 for every sample: its variance is 0 + epsilon in every class",
             catches=("no smoothing", "epsilon per feature", "epsilon unscaled"))
    x, y = blobs(rng, 200, 3, 3, 2.0, 1.0)
    x = x + np.array([1.0e6, -3.0e6, 0.0])
    fit_case("07-fit-large-offset", x, y, 1e-9,
             "hard: features offset by 1e6 and -3e6 (spread ~1): mean(x^2) - mean(x)^2 cancels, use two passes",
             catches=("E[x^2]-E[x]^2",))

    # ---- predictions from given models
    c, d = 4, 5
    pr = rng.dirichlet(np.ones(c) * 2)
    mu = rng.normal(scale=2.0, size=(c, d))
    var = np.exp(rng.normal(size=(c, d)))
    xq = rng.normal(scale=2.5, size=(30, d))
    predict_case("08-jll-random", "JointLogLikelihood", xq, pr, mu, var, "random model C=4, d=5, 30 queries",
                 catches=("no 2pi",))
    predict_case("09-log-proba-random", "PredictLogProba", xq, pr, mu, var, "random model C=4, d=5, 30 queries",
                 catches=("not normalised",))
    xfar = mu[0] + rng.normal(size=(8, d)) * 100.0    # ~100 std away: every class's jll is < -745, exp underflows
    assert np.all(own_jll(xfar, pr, mu, var).max(axis=1) < -745), "the far queries must underflow exp()"
    predict_case("10-log-proba-far-queries", "PredictLogProba", xfar, pr, mu, var,
                 "hard: queries ~100 std from every mean: all joint log-likelihoods < -745, so exp() underflows to 0 "
                 "(subtract the row max before exponentiating)", catches=("not normalised", "naive logsumexp"))
    predict_case("11-jll-far-queries", "JointLogLikelihood", xfar, pr, mu, var,
                 "queries ~100 std from every mean: joint log-likelihoods in the thousands, still finite",
                 catches=("no 2pi",))

    # ---- fit then predict: a feature constant within one class
    xt, yt = blobs(rng, 90, 4, 3, 2.0, 1.0)
    xt[yt == 1, 3] = 3.0                          # constant inside class 1 only
    xq = rng.normal(scale=2.0, size=(12, 4))
    xq[0, 3] = 3.0
    fit_predict_case("12-fit-predict-constant-in-class", xt, yt, 1e-9, xq,
                     "feature 3 is constant (3.0) inside class 1: that variance is epsilon ~1e-9, so class 1's jll is "
                     "about -1e9 unless x_3 = 3 — without epsilon it is 0 and the jll is not finite",
                     catches=("no smoothing -> non-finite", "not normalised"))
    xt, yt = blobs(rng, 120, 2, 2, 4.0, 1.0)
    xt = xt + 5.0
    fit_predict_case("13-fit-predict-binary", xt, yt, 1e-9, rng.normal(scale=4.0, size=(20, 2)) + 5.0,
                     "two classes, d=2: fit, then both predictions on 20 new points", catches=("not normalised", "no 2pi"))

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"sklearn {sklearn.__version__}, scipy {scipy.__version__}, numpy {np.__version__}: "
          f"wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
