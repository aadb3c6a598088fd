#!/usr/bin/env -S /usr/bin/python3
"""Max deviation between MlKatas golden expected values and scikit-learn 1.2 on the same golden inputs.
Usage: /usr/bin/python3 graders/tools/sklearn_deviations.py [slug ...]   (reads graders/<slug>/cases; Debian's
python3-sklearn 1.2; ~30 s for all). Recorded in docs/notes (issue 5: the classical catalogue's deviations).
"""
import glob, json, math, os, sys, warnings
import numpy as np
import sklearn
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
from safetensors_io import read_safetensors  # noqa: E402
warnings.simplefilter("ignore")

RESULTS = {}   # slug -> list of (case, output, dev)
NOTES = {}     # slug -> list of str


def cases(slug):
    for f in sorted(glob.glob(f"{ROOT}/{slug}/cases/*.safetensors")):
        t, m = read_safetensors(f)
        args = json.loads(m.get("args", "{}") or "{}")
        yield os.path.basename(f)[:-len(".safetensors")], t, m.get("entry"), args


def rec(slug, case, output, got, want):
    got = np.asarray(got, dtype=np.float64); want = np.asarray(want, dtype=np.float64)
    assert got.shape == want.shape, (slug, case, output, got.shape, want.shape)
    both_inf = (np.isinf(got) & np.isinf(want) & (np.sign(got) == np.sign(want))) | (np.isnan(got) & np.isnan(want))
    diff = np.where(both_inf, 0.0, np.abs(got - want))
    dev = float(np.nanmax(np.where(np.isnan(diff), np.inf, diff))) if diff.size else 0.0
    RESULTS.setdefault(slug, []).append((case, output, dev))


def note(slug, s):
    NOTES.setdefault(slug, []).append(s)


# ------------------------------------------------------------------ linear-regression
def linear_regression():
    from sklearn.linear_model import LinearRegression
    s = "linear-regression"
    for name, t, entry, a in cases(s):
        if entry != "Fit":
            note(s, f"{name}: skipped (FitGradientDescent = fixed-step full-batch GD from 0; no sklearn equivalent, "
                    "SGDRegressor is stochastic/per-sample)")
            continue
        r = LinearRegression().fit(t["in.x"], t["in.y"])
        rec(s, name, "weights", r.coef_, t["out.weights"]); rec(s, name, "bias", r.intercept_, t["out.bias"])


def ridge_regression():
    from sklearn.linear_model import Ridge
    s = "ridge-regression"
    for name, t, entry, a in cases(s):
        r = Ridge(alpha=a["l2"], fit_intercept=True, solver="svd").fit(t["in.x"], t["in.y"])
        rec(s, name, "weights", r.coef_, t["out.weights"]); rec(s, name, "bias", r.intercept_, t["out.bias"])


def lasso_regression():
    from sklearn.linear_model import Lasso
    s = "lasso-regression"
    for name, t, entry, a in cases(s):
        x, y, alpha = t["in.x"], t["in.y"], a["alpha"]
        capped = name.split("-", 1)[1].startswith("max-sweeps")
        if capped:   # maxSweeps binds: exactly maxSweeps CD sweeps from w = 0
            r = Lasso(alpha=alpha, fit_intercept=True, tol=0.0, max_iter=a["maxSweeps"]).fit(x, y)
        else:
            r = Lasso(alpha=alpha, fit_intercept=True, tol=1e-15, max_iter=200000).fit(x, y)
        w, b = r.coef_, r.intercept_
        res = y - x @ w - b
        obj = res @ res / (2 * len(y)) + alpha * np.abs(w).sum()
        rec(s, name, "weights", w, t["out.weights"]); rec(s, name, "bias", b, t["out.bias"])
        rec(s, name, "objective", obj, t["out.objective"])
        # also sklearn with the kata's own tol/maxSweeps (sklearn's tol is a duality-gap/relative rule, not the kata's)
        r2 = Lasso(alpha=alpha, fit_intercept=True, tol=a["tol"], max_iter=a["maxSweeps"]).fit(x, y)
        rec(s + " [tol=kata tol, max_iter=maxSweeps]", name, "weights", r2.coef_, t["out.weights"])
        rec(s + " [tol=kata tol, max_iter=maxSweeps]", name, "bias", r2.intercept_, t["out.bias"])


def softmax_regression():
    from sklearn.linear_model import LogisticRegression
    s = "softmax-regression"
    for name, t, entry, a in cases(s):
        if entry != "Fit":
            # PredictProba: a plain softmax of x W + b -- compare with sklearn's softmax helper
            from sklearn.utils.extmath import softmax as sk_softmax
            z = t["in.x"] @ t["in.weights"] + t["in.bias"]
            rec(s + " PredictProba [sklearn.utils.extmath.softmax]", name, "proba", sk_softmax(z.copy()), t["out"])
            continue
        x, y, k, l2 = t["in.x"], t["in.y"], a["classes"], a["l2"]
        n = len(y)
        for solver, tol in (("newton-cg", 1e-14), ("lbfgs", 1e-12)):
            sk = LogisticRegression(multi_class="multinomial", solver=solver, C=1.0 / (n * l2), tol=tol,
                                    max_iter=1000).fit(x, y)
            if k == 2:
                w = np.stack([-sk.coef_[0], sk.coef_[0]], 1); b = np.array([-sk.intercept_[0], sk.intercept_[0]])
            else:
                w, b = sk.coef_.T, sk.intercept_
            tag = f"{s} [{solver}]"
            rec(tag, name, "weights", w, t["out.weights"])
            rec(tag, name, "bias_centred", b - b.mean(), t["out.bias_centred"])
            rec(tag, name, "proba", sk.predict_proba(x), t["out.proba"])


def k_nearest_neighbors():
    from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
    s = "k-nearest-neighbors"
    for name, t, entry, a in cases(s):
        xt, yt, xq, k = t["in.xTrain"], t["in.yTrain"], t["in.xQuery"], a["k"]
        est = (KNeighborsClassifier if entry == "Classify" else KNeighborsRegressor)(n_neighbors=k, algorithm="brute")
        d = np.sort(((xq[:, None, :] - xt[None, :, :]) ** 2).sum(-1), axis=1)
        tie = k < len(xt) and bool(np.any(d[:, k - 1] == d[:, k]))
        out = "label" if entry == "Classify" else "mean"
        sfx = " (distance tie at k-th neighbour: sklearn's tie order is unspecified)" if tie else ""
        raw = est.fit(xt, yt).predict(xq)
        c = xt.mean(axis=0)
        cen = est.fit(xt - c, yt).predict(xq - c)
        rec(s + " [raw inputs]", name + sfx, out, raw, t["out"])
        rec(s + " [inputs centred at train mean]", name + sfx, out, cen, t["out"])


class RiggedState(np.random.RandomState):
    """randint(n)/uniform() replay the kata's uniforms (copied from graders/k-means-plus-plus/generate_cases.py)."""
    def __init__(self, u):
        super().__init__(0); self.u = [float(v) for v in u]; self.next = 1
    def randint(self, low, high=None, size=None, dtype=int):
        assert high is None and size is None
        return min(int(math.floor(self.u[0] * low)), low - 1)
    def uniform(self, low=0.0, high=1.0, size=None):
        assert size == 1
        v = self.u[self.next]; self.next += 1
        return np.array([v])


def k_means_plus_plus():
    from sklearn.cluster import kmeans_plusplus
    s = "k-means-plus-plus"
    for name, t, entry, a in cases(s):
        x, u = t["in.x"], t["in.uniforms"]
        centres, idx = kmeans_plusplus(x, n_clusters=len(u), random_state=RiggedState(u), n_local_trials=1)
        rec(s, name, "indices", idx, t["out.indices"]); rec(s, name, "centres", centres, t["out.centres"])
        c = x.mean(axis=0)
        _, idx_c = kmeans_plusplus(x - c, n_clusters=len(u), random_state=RiggedState(u), n_local_trials=1)
        rec(s + " [inputs centred at mean; centres = x[indices]]", name, "indices", idx_c, t["out.indices"])
        rec(s + " [inputs centred at mean; centres = x[indices]]", name, "centres", x[idx_c], t["out.centres"])


def sign_rule(v):
    top = np.argmax(np.abs(v), axis=1)
    signs = np.sign(v[np.arange(len(v)), top])
    return v * signs[:, None], signs


def pca():
    from sklearn.decomposition import PCA
    s = "pca"
    for name, t, entry, a in cases(s):
        x, pts, k = t["in.x"], t["in.points"], a["nComponents"]
        p = PCA(n_components=k, svd_solver="full").fit(x)
        comps, signs = sign_rule(p.components_)
        rec(s, name, "components", comps, t["out.components"])
        rec(s, name, "explained_variance", p.explained_variance_, t["out.explained_variance"])
        rec(s, name, "explained_variance_ratio", p.explained_variance_ratio_, t["out.explained_variance_ratio"])
        rec(s, name, "projection", p.transform(pts) * signs[None, :], t["out.projection"])


def pca_power_iteration():
    from sklearn.decomposition import PCA
    s = "pca-power-iteration"
    for name, t, entry, a in cases(s):
        A, k = t["in.a"], t["in.start"].shape[0]
        d = A.shape[0]
        # data whose sample covariance is exactly A: X = sqrt((n-1)/2) [S; -S], S = symmetric square root of A
        w, v = np.linalg.eigh((A + A.T) / 2)
        S = (v * np.sqrt(np.clip(w, 0, None))) @ v.T
        n = 2 * d
        X = math.sqrt((n - 1) / 2) * np.vstack([S, -S])
        if n - 1 < k or k > min(n, d):
            note(s, f"{name}: skipped (k > min(n,d))"); continue
        p = PCA(n_components=k, svd_solver="full").fit(X)
        rec(s, name, "eigenvectors (sign rule applied)", sign_rule(p.components_)[0], t["out.eigenvectors"])
        rec(s, name, "eigenvalues", p.explained_variance_, t["out.eigenvalues"])
        try:
            L = np.linalg.cholesky(A)
        except np.linalg.LinAlgError:
            note(s, f"{name}: Cholesky variant skipped (A not positive definite)"); continue
        Xc = math.sqrt((n - 1) / 2) * np.vstack([L.T, -L.T])
        p = PCA(n_components=k, svd_solver="full").fit(Xc)
        s2 = s + " [data from Cholesky factor, A = L L^T]"
        rec(s2, name, "eigenvectors (sign rule applied)", sign_rule(p.components_)[0], t["out.eigenvectors"])
        rec(s2, name, "eigenvalues", p.explained_variance_, t["out.eigenvalues"])


def gaussian_mixture_em():
    from sklearn.mixture import GaussianMixture
    s = "gaussian-mixture-em"
    for name, t, entry, a in cases(s):
        it, reg = a["iterations"], a["regCovar"]
        x, w, mu, var = t["in.x"], t["in.weights"], t["in.means"], t["in.variances"]
        if it == 0:
            note(s, f"{name}: skipped (iterations = 0: GaussianMixture cannot run 0 EM steps; max_iter >= 1)"); continue
        gm = GaussianMixture(n_components=len(w), covariance_type="diag", weights_init=w, means_init=mu,
                             precisions_init=1.0 / var, reg_covar=reg, tol=0.0, max_iter=it, n_init=1, random_state=0)
        gm.fit(x)
        assert gm.n_iter_ == it
        rec(s, name, "weights", gm.weights_, t["out.weights"])
        rec(s, name, "means", gm.means_, t["out.means"])
        rec(s, name, "variances", gm.covariances_, t["out.variances"])
        rec(s, name, "responsibilities", gm.predict_proba(x), t["out.responsibilities"])
        rec(s, name, "logLikelihoods[T-1] (lower_bound_)", gm.lower_bound_, t["out.logLikelihoods"][it - 1])
        rec(s, name, "logLikelihoods[T] (score(x))", gm.score(x), t["out.logLikelihoods"][it])


def gaussian_naive_bayes():
    from sklearn.naive_bayes import GaussianNB
    s = "gaussian-naive-bayes"

    def model(pr, me, va):
        m = GaussianNB(); m.classes_ = np.arange(len(pr)); m.class_prior_ = pr; m.theta_ = me; m.var_ = va
        m.n_features_in_ = me.shape[1]; return m
    for name, t, entry, a in cases(s):
        if entry in ("Fit", "Fit+Predict"):
            xtr, ytr = (t["in.x"], t["in.y"]) if entry == "Fit" else (t["in.xTrain"], t["in.yTrain"])
            m = GaussianNB(var_smoothing=a["varSmoothing"]).fit(xtr, ytr)
            rec(s, name, "priors", m.class_prior_, t["out.priors"])
            rec(s, name, "means", m.theta_, t["out.means"])
            rec(s, name, "variances", m.var_, t["out.variances"])
            if entry == "Fit+Predict":
                rec(s, name, "jointLogLikelihood", m.predict_joint_log_proba(t["in.x"]), t["out.jointLogLikelihood"])
                rec(s, name, "logProba", m.predict_log_proba(t["in.x"]), t["out.logProba"])
        else:
            m = model(t["in.priors"], t["in.means"], t["in.variances"])
            if entry == "JointLogLikelihood":
                rec(s, name, "jointLogLikelihood", m.predict_joint_log_proba(t["in.x"]), t["out.jointLogLikelihood"])
            else:
                rec(s, name, "logProba", m.predict_log_proba(t["in.x"]), t["out.logProba"])


def rec_struct(slug, case, output, got, want):
    got, want = np.asarray(got), np.asarray(want)
    if got.shape != want.shape:
        RESULTS.setdefault(slug, []).append((case, f"{output} (shape {got.shape} vs expected {want.shape})", float("inf")))
    else:
        rec(slug, case, output, got, want)


def sk_tree_arrays(clf):
    t = clf.tree_
    leaf = t.children_left < 0
    return {"feature": np.where(leaf, -1, t.feature).astype(np.int64),
            "threshold": np.where(leaf, 0.0, t.threshold),
            "left": t.children_left.astype(np.int64), "right": t.children_right.astype(np.int64),
            "prediction": clf.classes_[np.argmax(t.value[:, 0, :], axis=1)].astype(np.int64)}


def decision_tree_split():
    from sklearn.tree import DecisionTreeClassifier
    s = "decision-tree-split"
    for name, t, entry, a in cases(s):
        x, y, crit = t["in.x"], t["in.y"], a["criterion"]
        md, mss = (1, 2) if entry == "BestSplit" else (a["maxDepth"], a["minSamplesSplit"])
        if md == 0:
            note(s, f"{name}: skipped (maxDepth = 0: DecisionTreeClassifier requires max_depth >= 1)"); continue

        def fit(rs):
            return DecisionTreeClassifier(criterion=crit, max_depth=md, min_samples_split=mss, random_state=rs).fit(x, y)
        clf = fit(0)
        tr = sk_tree_arrays(clf)
        # ties between features: sklearn visits features in a random order -> result depends on random_state
        variants = {json.dumps({k: v.tolist() for k, v in sk_tree_arrays(fit(rs)).items()}) for rs in range(20)}
        tag = name + (" (random_state-dependent: tie between candidate splits)" if len(variants) > 1 else "")
        if entry == "BestSplit":
            tt = clf.tree_
            if tt.node_count == 1:   # no split: kata returns feature -1, threshold 0, gain 0
                f, th, g = -1, 0.0, 0.0
            else:
                f, th = tt.feature[0], tt.threshold[0]
                g = tt.impurity[0] - sum(tt.n_node_samples[k] / tt.n_node_samples[0] * tt.impurity[k] for k in (1, 2))
            rec(s, tag, "feature", f, t["out.feature"]); rec(s, tag, "threshold", th, t["out.threshold"])
            rec(s, tag, "gain", g, t["out.gain"])
        else:
            for k in ("feature", "threshold", "left", "right", "prediction"):
                rec_struct(s, tag, k, tr[k], t["out." + k])
            if len(variants) > 1:
                hit = [rs for rs in range(20) if all(np.array_equal(sk_tree_arrays(fit(rs))[k], t["out." + k])
                                                     for k in ("feature", "threshold", "left", "right", "prediction"))]
                note(s, f"{name}: tie case; {len(variants)} distinct sklearn trees over random_state 0..19; "
                        f"random_state values reproducing the golden tree exactly: {hit[:5] or 'none'}")
            if "in.xTest" in t:
                rec_struct(s, tag, "predictions", clf.predict(t["in.xTest"]), t["out.predictions"])


def soft_margin_svm():
    from sklearn.svm import SVC
    s = "soft-margin-svm"
    for name, t, entry, a in cases(s):
        x, y, q, c, kern, gamma = t["in.x"], t["in.y"], t["in.queries"], a["c"], a["kernel"], a["gamma"]
        clf = SVC(C=c, kernel=kern, gamma=gamma if kern == "rbf" else "scale", tol=1e-12, shrinking=False,
                  max_iter=-1).fit(x, y)
        rec(s, name, "decision", clf.decision_function(q), t["out.decision"])
        rec(s, name, "bias", clf.intercept_[0], t["out.bias"])
        alpha = np.zeros(len(y)); alpha[clf.support_] = np.abs(clf.dual_coef_[0])
        rec(s, name, "alpha_box_violation", np.maximum(0, np.maximum(-alpha, alpha - c)), t["out.alpha_box_violation"])
        rec(s, name, "alpha_y_sum", float(alpha @ y), t["out.alpha_y_sum"])


def linear_svm_primal():
    """NOT an equivalent: Pegasos with a given order and T steps vs LinearSVC's exact optimum (informational)."""
    from sklearn.svm import LinearSVC
    s = "linear-svm-primal [informational: LinearSVC optimum, not Pegasos]"
    for name, t, entry, a in cases(s.split()[0]):
        x, y, lam = t["in.x"], t["in.y"], a["lambda"]
        if len(np.unique(y)) < 2:
            note("linear-svm-primal", f"{name}: LinearSVC needs 2 classes"); continue
        svc = LinearSVC(loss="hinge", fit_intercept=False, C=1.0 / (lam * len(y)), tol=1e-10, max_iter=1_000_000,
                        dual=True).fit(x, y)
        rec(s, name, "w", svc.coef_[0], t["out"])


def adaboost():
    from sklearn.ensemble import AdaBoostClassifier
    from sklearn.tree import DecisionTreeClassifier
    s = "adaboost"
    for name, t, entry, a in cases(s):
        x, y, xt, K, rounds = t["in.x"], t["in.y"], t["in.xTest"], a["numClasses"], a["rounds"]

        def fit(rs):
            return AdaBoostClassifier(estimator=DecisionTreeClassifier(max_depth=1), n_estimators=rounds,
                                      algorithm="SAMME", random_state=rs).fit(x, y)

        def arrays(clf):
            T = len(clf.estimators_)
            st = [e.tree_ for e in clf.estimators_]
            return {"feature": np.array([tr.feature[0] for tr in st], dtype=np.int64),
                    "threshold": np.array([tr.threshold[0] for tr in st]),
                    "leftClass": np.array([e.classes_[np.argmax(e.tree_.value[1, 0])] for e in clf.estimators_], dtype=np.int64),
                    "rightClass": np.array([e.classes_[np.argmax(e.tree_.value[2, 0])] for e in clf.estimators_], dtype=np.int64),
                    "alpha": np.asarray(clf.estimator_weights_[:T], dtype=np.float64)}
        clf = fit(0)
        ar = arrays(clf)
        variants = {json.dumps({k: v.tolist() for k, v in arrays(fit(rs)).items() if k != "alpha"}) for rs in range(10)}
        tag = name + (" (random_state-dependent: tie between candidate stumps)" if len(variants) > 1 else "")
        for k in ("feature", "threshold", "leftClass", "rightClass", "alpha"):
            rec_struct(s, tag, k, ar[k], t["out." + k])
        rec_struct(s, tag, "predictions", clf.predict(xt), t["out.predictions"])
        if len(variants) > 1:
            hit = []
            for rs in range(200):
                ar2 = arrays(fit(rs))
                if all(ar2[k].shape == t["out." + k].shape and np.array_equal(ar2[k], t["out." + k])
                       for k in ("feature", "threshold", "leftClass", "rightClass")):
                    hit.append((rs, float(np.max(np.abs(ar2["alpha"] - t["out.alpha"]))) if len(ar2["alpha"]) else 0.0))
            note(s, f"{name}: tie case; {len(variants)} distinct stump sequences over random_state 0..9; "
                    f"random_state values in 0..199 reproducing the golden stumps (with max |alpha diff|): {hit[:5] or 'none'}")


def roc_auc():
    from sklearn.metrics import roc_auc_score, roc_curve
    s = "roc-auc"
    for name, t, entry, a in cases(s):
        y, sc = t["in.yTrue"], t["in.scores"]
        one_class = len(np.unique(y)) < 2
        if entry == "Score":
            if one_class:
                try:
                    roc_auc_score(y, sc); raise AssertionError("sklearn defined the one-class AUC")
                except ValueError:
                    note(s, f"{name}: skipped (one class: roc_auc_score raises ValueError; kata defines 0.5)")
                continue
            rec(s, name, "auc", roc_auc_score(y, sc), t["out"])
        else:
            fpr, tpr, thr = roc_curve(y, sc, drop_intermediate=False)
            rec(s, name, "thresholds", thr, t["out.thresholds"])
            if one_class:
                undefined = "fpr" if np.all(np.isnan(fpr)) else "tpr"
                note(s, f"{name}: {undefined} not compared (one class: sklearn returns NaN for the 0/0 rate; kata 0)")
                if undefined != "fpr": rec(s, name, "fpr", fpr, t["out.fpr"])
                if undefined != "tpr": rec(s, name, "tpr", tpr, t["out.tpr"])
            else:
                rec(s, name, "fpr", fpr, t["out.fpr"]); rec(s, name, "tpr", tpr, t["out.tpr"])


def classification_metrics():
    from sklearn.metrics import confusion_matrix, ndcg_score, precision_recall_fscore_support
    s = "classification-metrics"
    for name, t, entry, a in cases(s):
        if entry == "ConfusionMatrix":
            K = a["numClasses"]
            rec(s, name, "confusion", confusion_matrix(t["in.yTrue"], t["in.yPred"], labels=list(range(K))),
                t["out.confusion"])
        elif entry == "PrecisionRecallF1":
            K = a["numClasses"]
            p, r, f, _ = precision_recall_fscore_support(t["in.yTrue"], t["in.yPred"], labels=list(range(K)),
                                                         average=a["average"], zero_division=0)
            rec(s, name, "precision", p, t["out.precision"]); rec(s, name, "recall", r, t["out.recall"])
            rec(s, name, "f1", f, t["out.f1"])
        else:
            rel, sc, k = t["in.relevance"], t["in.scores"], a["k"]
            got = np.array([ndcg_score(rel[i:i + 1], sc[i:i + 1], k=k) for i in range(len(rel))])
            tied = np.array([len(np.unique(row)) < len(row) for row in sc])
            if (~tied).any():
                rec(s, name, f"ndcg (tie-free rows: {int((~tied).sum())}/{len(tied)})", got[~tied], t["out.ndcg"][~tied])
            if tied.any():
                rec(s + " [NDCG rows with tied scores: sklearn averages ties, kata ranks lower index first]", name,
                    f"ndcg (tied rows: {int(tied.sum())})", got[tied], t["out.ndcg"][tied])


ALL = {"linear-regression": linear_regression, "ridge-regression": ridge_regression, "lasso-regression": lasso_regression,
       "softmax-regression": softmax_regression, "k-nearest-neighbors": k_nearest_neighbors,
       "k-means-plus-plus": k_means_plus_plus, "pca": pca, "pca-power-iteration": pca_power_iteration,
       "gaussian-mixture-em": gaussian_mixture_em, "gaussian-naive-bayes": gaussian_naive_bayes,
       "decision-tree-split": decision_tree_split, "soft-margin-svm": soft_margin_svm,
       "linear-svm-primal": linear_svm_primal, "adaboost": adaboost, "roc-auc": roc_auc,
       "classification-metrics": classification_metrics}


def main():
    import time
    which = sys.argv[1:] or list(ALL)
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}")
    for slug in which:
        t0 = time.time()
        try:
            ALL[slug]()
        except Exception as e:  # noqa: BLE001
            import traceback; traceback.print_exc()
            note(slug, f"ERROR {type(e).__name__}: {e}")
        print(f"# {slug}: {time.time() - t0:.1f}s", file=sys.stderr)
    for slug in sorted(set(RESULTS) | set(NOTES), key=lambda k: (k.split(" ")[0], k)):
        rows = RESULTS.get(slug, [])
        print(f"\n=== {slug}")
        if rows:
            by_out = {}
            for c, o, d in rows:
                by_out.setdefault(o, []).append((d, c))
            for o, lst in by_out.items():
                d, c = max(lst, key=lambda z: z[0])
                print(f"  {o:45s} max|dev| = {d:.3e}  at {c}  (over {len(lst)} cases)")
            d, c, o = max(((d, c, o) for c, o, d in rows), key=lambda z: z[0])
            print(f"  OVERALL max|dev| = {d:.3e}  ({o} @ {c})")
            per_case = {}
            for c, o, d in rows:
                per_case[c] = max(per_case.get(c, 0.0), d)
            for c, d in per_case.items():
                print(f"    case {c}: {d:.3e}")
        for n_ in NOTES.get(slug, []):
            print("  NOTE:", n_)


if __name__ == "__main__":
    main()
