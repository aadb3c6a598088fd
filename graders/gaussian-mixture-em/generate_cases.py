#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the gaussian-mixture-em kata.

Run with Debian's python3 (python3-numpy, python3-sklearn):
    /usr/bin/python3 graders/gaussian-mixture-em/generate_cases.py

Expected values come from an own numpy float64 implementation of the statement's loop (diagonal covariances):
    for t in 0 .. iterations:
        E-step with the current parameters:
            log p[i,k] = log w_k - 1/2 (d log 2 pi + sum_j log var_kj + sum_j (x_ij - mu_kj)^2 / var_kj)
            ll[i] = logsumexp_k log p[i,k];  r[i,k] = exp(log p[i,k] - ll[i]);  logLikelihoods[t] = mean_i ll[i]
        if t == iterations: stop (the last E-step gives the returned responsibilities)
        M-step: N_k = sum_i r[i,k]; w_k = N_k / n; mu_k = sum_i r[i,k] x_i / N_k;
                var_kj = sum_i r[i,k] (x_ij - mu_kj)^2 / N_k + regCovar      (around the NEW means, two-pass)
Cross-checks, all asserted:
  * a second numpy implementation written per component and per point with math.fsum / explicit max-shift
    (no vectorised log-sum-exp shared with the first) agrees to 1e-11 relative;
  * scikit-learn 1.2 GaussianMixture(covariance_type="diag", weights_init, means_init, precisions_init=1/var,
    reg_covar, tol=0, max_iter=iterations, n_init=1) where iterations >= 1: weights_, means_, covariances_,
    predict_proba(x) (= the returned responsibilities), lower_bound_ (= logLikelihoods[iterations-1]) and
    score(x) (= logLikelihoods[iterations]). scikit-learn adds 10*eps to N_k and computes the variance as
    E[x^2] - 2 mu E[x] + mu^2 (one pass); the max deviation is printed and written into each case's note, and
    asserted <= 1e-8 relative except in the case designed to show that one-pass variances cancel (offset 3e5);
  * the edge cases matter: unnormalised responsibilities overflow to inf/NaN in the tight-cluster case; without log-sum-exp the far-point case gives -inf/NaN; without regCovar the collapse
    case gives a zero variance (inf/NaN); one-pass variances miss the offset case by > 10x the tolerance; variances around the old means and unnormalised responsibilities
    change every case with iterations >= 1 by far more than the tolerance.
Seeds are fixed; the files are deterministic.
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.mixture import GaussianMixture

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "gaussian-mixture-em"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
LOG2PI = math.log(2 * math.pi)


def log_prob(x, w, mu, var):
    d = x.shape[1]
    quad = (((x[:, None, :] - mu[None, :, :]) ** 2) / var[None, :, :]).sum(axis=2)  # [n, K]
    return np.log(w)[None, :] - 0.5 * (d * LOG2PI + np.log(var).sum(axis=1)[None, :] + quad)


def em(x, w, mu, var, iterations, reg, naive=False, floor=True, old_means=False, normalise=True, one_pass=False):
    """The statement's loop; the keyword switches build the mistakes the cases must catch."""
    n = x.shape[0]
    lls = []
    with np.errstate(all="ignore"):
        for t in range(iterations + 1):
            lp = log_prob(x, w, mu, var)
            if naive:
                ll = np.log(np.exp(lp).sum(axis=1))
            else:
                m = lp.max(axis=1, keepdims=True)
                ll = (m + np.log(np.exp(lp - m).sum(axis=1, keepdims=True)))[:, 0]
            r = np.exp(lp - ll[:, None]) if normalise else np.exp(lp)
            lls.append(ll.mean())
            if t == iterations:
                break
            nk = r.sum(axis=0)
            new_mu = (r.T @ x) / nk[:, None]
            centre = mu if old_means else new_mu
            var = np.stack([(r[:, k:k + 1] * (x - centre[k]) ** 2).sum(axis=0) / nk[k] for k in range(len(nk))])
            if one_pass:
                var = (r.T @ x ** 2) / nk[:, None] - new_mu ** 2
            if floor:
                var = var + reg
            w, mu = nk / n, new_mu
    return w, mu, var, r, np.array(lls)


def em_slow(x, w, mu, var, iterations, reg):
    """Independent second implementation: per component / per point, math.fsum sums, explicit max shift."""
    n, d = x.shape
    K = len(w)
    w, mu, var = [float(v) for v in w], [list(map(float, r)) for r in mu], [list(map(float, r)) for r in var]
    lls = []
    for t in range(iterations + 1):
        R = []
        lltot = []
        for i in range(n):
            lp = []
            for k in range(K):
                q = math.fsum((x[i, j] - mu[k][j]) ** 2 / var[k][j] for j in range(d))
                lp.append(math.log(w[k]) - 0.5 * (d * LOG2PI + math.fsum(math.log(v) for v in var[k]) + q))
            m = max(lp)
            ll = m + math.log(math.fsum(math.exp(v - m) for v in lp))
            lltot.append(ll)
            R.append([math.exp(v - ll) for v in lp])
        lls.append(math.fsum(lltot) / n)
        if t == iterations:
            break
        nk = [math.fsum(R[i][k] for i in range(n)) for k in range(K)]
        mu = [[math.fsum(R[i][k] * x[i, j] for i in range(n)) / nk[k] for j in range(d)] for k in range(K)]
        var = [[math.fsum(R[i][k] * (x[i, j] - mu[k][j]) ** 2 for i in range(n)) / nk[k] + reg for j in range(d)]
               for k in range(K)]
        w = [v / n for v in nk]
    return np.array(w), np.array(mu), np.array(var), np.array(R), np.array(lls)


def rel_dev(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.max(np.abs(a - b) / np.maximum(1.0, np.abs(b)))) if a.size else 0.0


WRITTEN = []
NAMES = ["weights", "means", "variances", "responsibilities", "logLikelihoods"]


def differs(a, b, margin=1.0):
    """True when some output of b is outside margin x the grader's tolerance (1e-9 + 1e-9 |expected|) of a, or non-finite."""
    for u, v in zip(a, b):
        if u.shape != v.shape or not np.all(np.isfinite(v)):
            return True
        if np.any(np.abs(u - v) > margin * (1e-9 + 1e-9 * np.abs(u))):
            return True
    return False


def nonfinite(b):
    return any(not np.all(np.isfinite(v)) for v in b)


def case(name, x, w, mu, var, iterations, reg, note, sk_tol=1e-8, must_need_lse=False, must_need_floor=False,
         must_need_two_pass=False, must_need_normalising=False):
    x, w, mu, var = (np.ascontiguousarray(a, dtype=np.float64) for a in (x, w, mu, var))
    n, d = x.shape
    K = len(w)
    assert mu.shape == (K, d) and var.shape == (K, d) and np.all(var > 0) and abs(w.sum() - 1) < 1e-12
    out = em(x, w, mu, var, iterations, reg)
    assert not nonfinite(out), name
    nk_min = float(out[3].sum(axis=0).min()) if iterations else float("nan")
    # independent implementation
    slow = em_slow(x, w, mu, var, iterations, reg)
    dev_slow = max(rel_dev(a, b) for a, b in zip(slow, out))
    assert dev_slow <= 1e-11, (name, dev_slow)
    # mistakes
    if iterations >= 1:
        assert differs(out, em(x, w, mu, var, iterations, reg, old_means=True)), (name, "old means")
        assert differs(out, em(x, w, mu, var, iterations, reg, normalise=False)), (name, "normalise")
    if must_need_lse:
        assert nonfinite(em(x, w, mu, var, iterations, reg, naive=True)), (name, "log-sum-exp does not matter")
    if must_need_two_pass:
        assert differs(out, em(x, w, mu, var, iterations, reg, one_pass=True), margin=10), (name, "one-pass is fine")
    if must_need_normalising:
        assert nonfinite(em(x, w, mu, var, iterations, reg, normalise=False)), (name, "unnormalised stays finite")
    if must_need_floor:
        assert nonfinite(em(x, w, mu, var, iterations, reg, floor=False)), (name, "regCovar does not matter")
    # scikit-learn
    sk = "scikit-learn not comparable (iterations = 0)"
    if iterations >= 1:
        gm = GaussianMixture(n_components=K, covariance_type="diag", weights_init=w, means_init=mu,
                             precisions_init=1.0 / var, reg_covar=reg, tol=0.0, max_iter=iterations, n_init=1,
                             random_state=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            gm.fit(x)
        assert gm.n_iter_ == iterations, (name, gm.n_iter_)
        devs = {
            "weights": rel_dev(gm.weights_, out[0]), "means": rel_dev(gm.means_, out[1]),
            "variances": rel_dev(gm.covariances_, out[2]), "responsibilities": rel_dev(gm.predict_proba(x), out[3]),
            "lowerBound": rel_dev(gm.lower_bound_, out[4][iterations - 1]), "score": rel_dev(gm.score(x), out[4][iterations]),
        }
        worst = max(devs.values())
        assert worst <= sk_tol, (name, devs)
        sk = f"max deviation from scikit-learn {sklearn.__version__} GaussianMixture(diag): {worst:.1e}"
    print(f"{name}: n={n} d={d} K={K} iterations={iterations} regCovar={reg:g} min N_k={nk_min:.3g} "
          f"dev(second impl)={dev_slow:.1e}; {sk}")
    tensors = {"in.x": x, "in.weights": w, "in.means": mu, "in.variances": var}
    for nm, v in zip(NAMES, out):
        tensors["out." + nm] = np.ascontiguousarray(v, dtype=np.float64)
    meta = {"kata": SLUG, "args": json.dumps({"iterations": int(iterations), "regCovar": float(reg)}),
            "note": f"{note} ({sk})"}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 200_000, path
    WRITTEN.append((path, tensors, meta))


def blobs(rng, sizes, centres, scales):
    return np.vstack([c + s * rng.normal(size=(m, len(c))) for m, c, s in zip(sizes, centres, scales)])


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(5262)

    x = blobs(rng, [60, 40], [np.array([-3.0, 0.0]), np.array([3.0, 1.0])], [1.0, 0.7])
    case("01-two-blobs", x, [0.5, 0.5], x[[0, 99]], np.ones((2, 2)), 10, 1e-6,
         "two well separated blobs in 2-d, K=2, 10 iterations")

    x = blobs(rng, [50, 50, 50], [np.zeros(3), np.array([1.5, 1.0, 0.0]), np.array([0.0, 2.0, 1.5])], [1.0, 0.8, 1.2])
    case("02-overlapping", x, [0.2, 0.3, 0.5], x[[3, 70, 140]] + 0.1, np.array([[0.5, 1, 2], [1, 1, 1], [2, 0.5, 1]]),
         25, 1e-6, "three overlapping blobs in 3-d, unequal initial weights and variances, 25 iterations")

    x = blobs(rng, [30, 30], [np.array([0.0, 0.0]), np.array([4.0, 4.0])], [1.0, 1.0])
    case("03-iterations-0", x, [0.7, 0.3], np.array([[0.5, 0.0], [3.0, 4.5]]), np.array([[1.0, 2.0], [0.5, 1.0]]), 0,
         1e-3, "edge: iterations=0 returns the initial parameters (regCovar not added), their responsibilities and one log-likelihood")

    x = rng.normal(loc=2.0, scale=1.5, size=(40, 3))
    case("04-k-1", x, [1.0], np.zeros((1, 3)), np.ones((1, 3)), 3, 1e-4,
         "edge: K=1, every responsibility is 1; after one step the mean and (biased) variance + regCovar of all points")

    t = np.concatenate([rng.normal(-4, 1, 40), rng.normal(1, 0.5, 25), rng.normal(5, 1.5, 35)])[:, None]
    case("05-d-1", t, [1 / 3, 1 / 3, 1 / 3], np.array([[-1.0], [0.0], [1.0]]), np.full((3, 1), 4.0), 25, 1e-6,
         "edge: d=1, K=3 components starting near each other, 25 iterations")

    x = blobs(rng, [40, 40], [np.array([0.0, 0.0, 0.0]), np.array([3.0, -3.0, 1.0])], [1.0, 1.0])
    x = np.vstack([x, [[400.0, -350.0, 300.0], [-500.0, 450.0, 600.0]]])
    case("06-far-points", x, [0.5, 0.5], np.array([[0.5, 0.5, 0.0], [2.5, -2.5, 1.0]]), np.ones((2, 3)), 8, 1e-6,
         "hard: two points ~500 standard deviations away: every component's density underflows to 0 there, so "
         "the log-likelihood and responsibilities need log-sum-exp (max shift)", must_need_lse=True)

    x = np.vstack([np.tile([[2.0, -1.0]], (6, 1)), blobs(rng, [50], [np.array([-2.0, 2.0])], [1.0])])
    case("07-collapse-on-duplicates", x, [0.3, 0.7], np.array([[2.2, -0.9], [-2.0, 2.0]]), np.array([[0.5, 0.5], [1.0, 1.0]]),
         6, 1e-3, "edge: component 0 collapses onto 6 identical points: its variance is 0 + regCovar = 1e-3; "
         "without regCovar it is 0 (log 0, division by 0)", must_need_floor=True)

    x = blobs(rng, [50, 30], [np.array([-2.0, 0.0]), np.array([2.0, 0.5])], [1.0, 1.0])
    case("08-reg-covar-0", x, [0.5, 0.5], x[[0, 79]], np.array([[2.0, 2.0], [2.0, 2.0]]), 5, 0.0,
         "edge: regCovar=0 (no floor) on non-degenerate data")

    x = blobs(rng, [40, 40], [np.array([3e5, -3e5]), np.array([3e5 + 5, -3e5 + 3])], [1.0, 1.0])
    case("09-offset-3e5", x, [0.5, 0.5], x[[0, 79]], np.ones((2, 2)), 10, 1e-6,
         "hard: coordinates near 3e5 with unit variances: E[x^2] - mean^2 cancels catastrophically (scikit-learn's "
         "one-pass formula is off), the variance around the new means is exact", sk_tol=1e-1, must_need_two_pass=True)

    x = blobs(rng, [25, 25, 25, 25], [np.array([0.0, 0, 0, 0]), np.array([4.0, 0, 0, 0]), np.array([0, 4.0, 0, 0]),
                                      np.array([0, 0, 4.0, 4.0])], [0.6, 0.8, 1.0, 1.2])
    case("10-k-4-one-step", x, [0.25] * 4, x[[0, 25, 50, 75]], np.full((4, 4), 0.5), 1, 1e-6,
         "edge: iterations=1, K=4 in 4-d: one M-step, then the E-step of the new parameters")

    x = blobs(rng, [70, 10], [np.array([0.0, 0.0]), np.array([6.0, 6.0])], [1.0, 0.3])
    case("11-small-component", x, [0.5, 0.5], np.array([[0.0, 0.0], [5.0, 5.0]]), np.ones((2, 2)), 15, 1e-6,
         "weights far from uniform: a component of 10 points among 80, its weight falls to ~1/8")

    x = blobs(rng, [30, 30], [np.array([0.1, 0.2, 0.3, 0.4, 0.5]), np.array([0.15, 0.2, 0.3, 0.4, 0.5])], [1e-3, 1e-3])
    case("12-tight-clusters", x, [0.5, 0.5], x[[0, 59]], np.full((2, 5), 1e-4), 30, 1e-8,
         "hard: two clusters 0.05 apart with spread 1e-3 in 5-d: densities are ~1e13, log-likelihoods positive; "
         "unnormalised responsibilities overflow here", must_need_normalising=True)

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"sklearn {sklearn.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
