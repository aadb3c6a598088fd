#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the ppo-clipped-objective kata.

Run with Debian's python3 (python3-torch 1.13, python3-numpy):
    /usr/bin/python3 graders/ppo-clipped-objective/generate_cases.py

Expected values come from PyTorch 1.13 in float64, written as CleanRL's ppo.py writes the PPO loss (policy loss
`torch.max(pg_loss1, pg_loss2)`, the `clip_vloss` value loss with its 0.5, `approx_kl = ((ratio - 1) - logratio)`,
`clipfracs = ((ratio - 1).abs() > clip_coef)`), with every `.mean()` replaced by the masked mean over the valid tokens
of the whole batch, sum(x * mask) / sum(mask) (TRL's `masked_mean`), and a separate clip range for the values (TRL's
`cliprange_value`). Gradients: torch.autograd.grad of the total loss with respect to new_log_probs and new_values.
Cross-checks, all asserted:
  * every output equals a numpy evaluation of the statement's formulas (boolean-indexed means over the valid tokens)
    to 1e-13 relative;
  * the gradients equal their closed forms: d loss / d newLogProbs = m/N * (-A * ratio) where the unclipped term is the
    max (A > 0: ratio <= 1 + eps; A < 0: ratio >= 1 - eps; else 0), and d loss / d newValues = valueCoef * m/N *
    (newValues - returns) where the unclipped value loss is the max (else 0), N = sum(mask);
  * no ratio lies within 1e-9 of a clip boundary and no value change within 1e-9 of its clip range (so the gradient and
    the clip fraction do not depend on how a correct solution rounds);
  * the mistakes each case names are outside the kata's tolerance (atol 1e-10, rtol 1e-8) in some output: min instead
    of max, the mask ignored in the means, a mean per sequence, the log-ratio used as the ratio, min in the value loss,
    CleanRL's old_approx_kl (mean of -logratio) as the KL, the entropy bonus with the wrong sign; and the hard case makes
    the probability quotient exp(new)/exp(old) non-finite.
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "ppo-clipped-objective"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
ATOL, RTOL = 1e-10, 1e-8
WRITTEN = []
NAMES = ("out.loss", "out.policyLoss", "out.valueLoss", "out.entropy", "out.approxKl", "out.clipFraction",
         "grad.newLogProbs", "grad.newValues")


def ppo_torch(inp, eps, veps, vcoef, ecoef, variant=None):
    t = {k: torch.tensor(v, dtype=torch.float64) if v.dtype != bool else torch.tensor(v) for k, v in inp.items()}
    new = t["newLogProbs"].clone().requires_grad_(True)
    newv = t["newValues"].clone().requires_grad_(True)
    old, adv, oldv, ret, ent, mask = t["oldLogProbs"], t["advantages"], t["oldValues"], t["returns"], t["entropy"], t["mask"]
    m = mask.to(torch.float64)

    def mmean(x):
        if variant == "mask-ignored":
            return x.mean()
        if variant == "per-sequence":
            return ((x * m).sum(1) / m.sum(1)).mean()
        return (x * m).sum() / m.sum()

    logratio = new - old
    if variant == "log-ratio-as-ratio":
        ratio = logratio
    elif variant == "prob-quotient":
        ratio = new.exp() / old.exp()
    else:
        ratio = logratio.exp()
    pg1 = -adv * ratio
    pg2 = -adv * torch.clamp(ratio, 1 - eps, 1 + eps)
    pg = torch.min(pg1, pg2) if variant == "min" else torch.max(pg1, pg2)
    policy_loss = mmean(pg)
    v_unclipped = (newv - ret) ** 2
    v_clipped = (oldv + torch.clamp(newv - oldv, -veps, veps) - ret) ** 2
    vmax = torch.min(v_unclipped, v_clipped) if variant == "value-min" else torch.max(v_unclipped, v_clipped)
    value_loss = 0.5 * mmean(vmax)
    entropy = mmean(ent)
    loss = policy_loss + vcoef * value_loss + (ecoef if variant == "entropy-sign" else -ecoef) * entropy
    with torch.no_grad():
        approx_kl = mmean(-logratio) if variant == "old-approx-kl" else mmean((ratio - 1) - logratio)
        clipfrac = mmean(((ratio - 1.0).abs() > eps).to(torch.float64))
    g_new, g_v = torch.autograd.grad(loss, [new, newv])
    return dict(zip(NAMES, (x.detach().numpy() for x in
                            (loss, policy_loss, value_loss, entropy, approx_kl, clipfrac, g_new, g_v))))


def ppo_numpy(inp, eps, veps, vcoef, ecoef):
    m = inp["mask"]
    n = m.sum()
    new, old, adv = inp["newLogProbs"], inp["oldLogProbs"], inp["advantages"]
    newv, oldv, ret = inp["newValues"], inp["oldValues"], inp["returns"]
    logratio = new - old
    r = np.exp(logratio)
    pg = np.maximum(-adv * r, -adv * np.clip(r, 1 - eps, 1 + eps))
    vu = (newv - ret) ** 2
    vc = (oldv + np.clip(newv - oldv, -veps, veps) - ret) ** 2
    pl, vl, en = pg[m].mean(), 0.5 * np.maximum(vu, vc)[m].mean(), inp["entropy"][m].mean()
    active = np.where(adv > 0, r <= 1 + eps, np.where(adv < 0, r >= 1 - eps, False))
    g_new = np.where(m & active, -adv * r, 0.0) / n
    g_v = np.where(m & (vu >= vc), vcoef * (newv - ret), 0.0) / n
    return {"out.loss": pl + vcoef * vl - ecoef * en, "out.policyLoss": pl, "out.valueLoss": vl, "out.entropy": en,
            "out.approxKl": ((r - 1) - logratio)[m].mean(), "out.clipFraction": (np.abs(r - 1) > eps)[m].mean(),
            "grad.newLogProbs": g_new, "grad.newValues": g_v}


def outside(actual, expected):
    a = np.asarray(actual, dtype=np.float64).ravel()
    e = np.asarray(expected, dtype=np.float64).ravel()
    if a.shape != e.shape or not np.all(np.isfinite(a)):
        return True
    return bool(np.any(np.abs(a - e) > ATOL + RTOL * np.abs(e)))


def case(name, inp, eps, veps, vcoef, ecoef, note, catches=(), quotient_nonfinite=False):
    inp = {k: np.ascontiguousarray(v, dtype=bool if k == "mask" else np.float64) for k, v in inp.items()}
    B, T = inp["mask"].shape
    assert all(v.shape == (B, T) for v in inp.values()) and inp["mask"].sum() >= 1
    r = np.exp(inp["newLogProbs"] - inp["oldLogProbs"])
    valid = inp["mask"]
    assert np.all(np.minimum(np.abs(r - (1 + eps)), np.abs(r - (1 - eps)))[valid] > 1e-9), (name, "ratio on a clip boundary")
    dv = np.abs(inp["newValues"] - inp["oldValues"])
    assert np.all(np.abs(dv - veps)[valid] > 1e-9), (name, "value change on the clip boundary")
    out = ppo_torch(inp, eps, veps, vcoef, ecoef)
    ref = ppo_numpy(inp, eps, veps, vcoef, ecoef)
    for k in NAMES:
        assert np.allclose(out[k], ref[k], rtol=1e-13, atol=1e-300), (name, k, out[k], ref[k])
    for variant in catches:
        if variant == "prob-quotient":
            continue
        wrong = ppo_torch(inp, eps, veps, vcoef, ecoef, variant)
        assert any(outside(wrong[k], out[k]) for k in NAMES), (name, variant, "does not catch it")
    with np.errstate(all="ignore"):
        quotient = np.exp(inp["newLogProbs"]) / np.exp(inp["oldLogProbs"])
    assert bool(np.all(np.isfinite(quotient))) != quotient_nonfinite, (name, "probability quotient")
    tensors = {"in." + k: v for k, v in inp.items()}
    tensors.update({k: np.asarray(v, dtype=np.float64) for k, v in out.items()})
    args = {"clipEps": eps, "valueClipEps": veps, "valueCoef": vcoef, "entropyCoef": ecoef}
    meta = {"kata": SLUG, "args": json.dumps(args), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, path
    WRITTEN.append((path, tensors, meta))
    print(f"{name}: B={B} T={T} valid={int(inp['mask'].sum())} {args} loss={float(out['out.loss']):.10g} "
          f"clipfrac={float(out['out.clipFraction']):.3g}; catches {list(catches)}")
    return out


def batch(rng, B, T, lengths=None, drift=0.1, vdrift=0.1, logp_scale=2.0):
    old = -np.abs(rng.normal(0, logp_scale, (B, T))) - 0.01
    new = old + rng.normal(0, drift, (B, T))
    oldv = rng.normal(0, 1, (B, T))
    newv = oldv + rng.normal(0, vdrift, (B, T))
    ret = oldv + rng.normal(0, 0.5, (B, T))
    adv = rng.normal(0, 1, (B, T))
    ent = rng.uniform(0.1, 3.0, (B, T))
    if lengths is None:
        lengths = rng.integers(1, T + 1, B)
    mask = np.arange(T)[None, :] < np.asarray(lengths)[:, None]
    return {"newLogProbs": new, "oldLogProbs": old, "advantages": adv, "newValues": newv, "oldValues": oldv,
            "returns": ret, "entropy": ent, "mask": mask}


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(31415)
    MASKED = ("min", "mask-ignored", "per-sequence", "log-ratio-as-ratio", "value-min", "old-approx-kl", "entropy-sign")
    FULL = ("min", "log-ratio-as-ratio", "value-min", "old-approx-kl", "entropy-sign")

    # The statement's worked example: B = 2, T = 3; sequence 1 has one padding token.
    ln = np.log
    ex = {
        "newLogProbs": [[ln(0.55), ln(0.5), ln(0.2)], [ln(0.3), ln(0.9), 0.0]],
        "oldLogProbs": [[ln(0.5), ln(0.5), ln(0.4)], [ln(0.2), ln(0.6), 0.0]],
        "advantages": [[1.0, -1.0, 2.0], [-0.5, 1.0, 3.0]],
        "newValues": [[0.5, 1.0, 0.0], [2.0, 0.3, 5.0]],
        "oldValues": [[0.4, 1.0, 0.5], [1.0, 0.2, 0.0]],
        "returns": [[1.0, 0.0, 1.0], [1.0, 1.0, 7.0]],
        "entropy": [[1.0, 0.5, 2.0], [1.5, 0.5, 9.0]],
        "mask": [[True, True, True], [True, True, False]],
    }
    out = case("01-worked-example", ex, 0.2, 0.2, 0.5, 0.01, catches=MASKED,
               note="the statement's worked example: B=2, T=3, one padding token, eps=0.2, valueClipEps=0.2, valueCoef=0.5, entropyCoef=0.01")
    print("   worked example:", {k: np.round(v, 10).tolist() for k, v in out.items()})

    case("02-no-padding", batch(rng, 4, 16, lengths=[16] * 4, drift=0.3, vdrift=0.4), 0.2, 0.2, 0.5, 0.01, catches=FULL,
         note="every token valid (no padding): the masked mean is the plain mean (mask mistakes cannot show here)")

    b = batch(rng, 3, 10)
    b["newLogProbs"] = b["oldLogProbs"].copy()
    b["newValues"] = b["oldValues"].copy()
    case("03-first-epoch-ratio-one", b, 0.2, 0.2, 0.5, 0.01,
         catches=("mask-ignored", "per-sequence", "log-ratio-as-ratio", "entropy-sign"),
         note="edge: the first minibatch of an epoch: new == old log-probs and values, ratio 1, nothing clipped, KL 0")

    case("04-typical-llm-batch", batch(rng, 8, 32, drift=0.15, vdrift=0.3), 0.2, 0.2, 0.1, 0.01, catches=MASKED,
         note="typical: B=8 responses of 1..32 tokens (right padding), eps=0.2, valueCoef=0.1, entropyCoef=0.01")

    case("05-heavily-clipped", batch(rng, 6, 20, drift=1.0, vdrift=0.1), 0.2, 0.2, 0.5, 0.0, catches=MASKED[:-1],
         note="the policy moved far (|log ratio| ~1): most ratios outside [0.8, 1.2], both signs of advantage; entropyCoef=0")

    case("06-value-clipping", batch(rng, 6, 20, drift=0.05, vdrift=1.5), 0.2, 0.1, 1.0, 0.01, catches=MASKED[1:],
         note="the critic moved far (|newValues - oldValues| ~1.5 > valueClipEps=0.1): the clipped value loss often wins, valueCoef=1; "
              "the policy barely moved (ratios inside the clip range)")

    b = batch(rng, 4, 12, lengths=[12, 0, 5, 0], drift=0.3, vdrift=0.3)
    case("07-empty-sequences", b, 0.2, 0.2, 0.5, 0.01, catches=MASKED,
         note="edge: two of four sequences have no valid token (all masked): they add nothing; a per-sequence mean divides 0 by 0")

    b = batch(rng, 3, 8, drift=0.3, vdrift=0.3)
    b["oldLogProbs"] = b["oldLogProbs"] - 800.0
    b["newLogProbs"] = b["newLogProbs"] - 800.0
    case("08-tiny-probabilities", b, 0.2, 0.2, 0.5, 0.01, catches=MASKED, quotient_nonfinite=True,
         note="hard: log-probs near -800 (exp underflows to 0 in float64): the ratio must be exp(new - old), "
              "exp(new)/exp(old) is 0/0")

    case("09-small-clip-no-entropy", batch(rng, 5, 9, drift=0.2, vdrift=0.2), 0.05, 0.5, 1.0, 0.0,
         catches=("min", "mask-ignored", "per-sequence", "log-ratio-as-ratio", "old-approx-kl"),
         note="eps=0.05 (tight), valueClipEps=0.5 (no value is clipped), valueCoef=1, entropyCoef=0")

    b = batch(rng, 1, 1, lengths=[1], drift=0.5, vdrift=0.5)
    case("10-single-token", b, 0.2, 0.2, 0.5, 0.01, catches=("log-ratio-as-ratio", "old-approx-kl", "entropy-sign"),
         note="edge: B=1, T=1, one valid token")

    b = batch(rng, 4, 16, lengths=[16] * 4, drift=0.4, vdrift=0.4)
    b["mask"][:, :5] = False            # the prompt is masked out
    b["mask"][0, 9:11] = False          # tool output inside a response
    b["mask"][2, 13:] = False           # right padding
    case("11-prompt-and-holes", b, 0.2, 0.2, 0.5, 0.01, catches=MASKED,
         note="masks that are not a prefix: prompt tokens masked, a masked span inside a response, right padding")

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
