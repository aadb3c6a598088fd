"""The scikit-learn side of the peer benchmark (`MlKatas.Benchmarks peers`, see docs/benchmarks.md).

Writes the benchmark data to <out>/data.safetensors (so the C# references time exactly the same data), times
scikit-learn on it, and writes <out>/sklearn.json. Run by the C# side; by hand:

    /usr/bin/python3 benchmarks/scripts/peers.py --out /tmp/peers --repeats 5

Needs numpy and scikit-learn (Debian: apt-get install python3-sklearn). Never needed by the tests.
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "graders", "tools"))
from safetensors_io import write_safetensors  # noqa: E402

from sklearn.cluster import KMeans  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

# k-means: the size (n = 100k, d = 32, k = 64), a fixed number of Lloyd iterations from given centroids.
KM_N, KM_D, KM_K, KM_ITERS = 100_000, 32, 64, 20
# Logistic regression: n = 20k, d = 32, l2 = 1e-3, fitted to the kata's optimum (weights within 1e-6).
LR_N, LR_D, LR_L2 = 20_000, 32, 1e-3


def make_data(seed=20261126):
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=4.0, size=(KM_K, KM_D))
    x = centres[rng.integers(0, KM_K, KM_N)] + rng.normal(size=(KM_N, KM_D))
    init = x[rng.choice(KM_N, KM_K, replace=False)].copy()
    lx = rng.normal(size=(LR_N, LR_D))
    w_true = rng.normal(size=LR_D)
    p = 1.0 / (1.0 + np.exp(-(lx @ w_true + 0.3)))
    ly = (rng.random(LR_N) < p).astype(np.float64)
    return {"kmeans.x": x, "kmeans.init": init, "logreg.x": lx, "logreg.y": ly}


def median_time(fn, repeats):
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times, result


def bench(data, threads, repeats):
    out = {}
    with threadpool_limits(limits=threads):
        def km():
            return KMeans(n_clusters=KM_K, init=data["kmeans.init"], n_init=1, max_iter=KM_ITERS, tol=0.0,
                          algorithm="lloyd").fit(data["kmeans.x"])
        seconds, times, model = median_time(km, repeats)
        out["kmeans"] = {"seconds": seconds, "times": times, "iterations": int(model.n_iter_),
                         "inertia": float(model.inertia_), "per_iteration": seconds / model.n_iter_}

        n = LR_N
        def lr():
            # J = mean log-loss + (l2/2)||w||^2 is minimised by C = 1/(n l2); tol tight enough that the weights are
            # within 1e-6 of the optimum (checked on the C# side against the reference).
            return LogisticRegression(C=1.0 / (n * LR_L2), solver="lbfgs", tol=1e-10, max_iter=10_000).fit(
                data["logreg.x"], data["logreg.y"])
        seconds, times, model = median_time(lr, repeats)
        out["logreg"] = {"seconds": seconds, "times": times, "iterations": int(model.n_iter_[0]),
                         "weights": model.coef_[0].tolist(), "bias": float(model.intercept_[0])}
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", default="1,2", help="thread counts to measure, comma-separated")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    data = make_data()
    write_safetensors(os.path.join(args.out, "data.safetensors"), data,
                      {"km_iters": str(KM_ITERS), "lr_l2": repr(LR_L2)})
    import sklearn
    results = {"sklearn": sklearn.__version__, "numpy": np.__version__, "runs": {}}
    for threads in [int(t) for t in args.threads.split(",")]:
        results["runs"][str(threads)] = bench(data, threads, args.repeats)
    with open(os.path.join(args.out, "sklearn.json"), "w", encoding="utf-8") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
