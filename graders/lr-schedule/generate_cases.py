#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the lr-schedule kata: linear warm-up then cosine decay to a floor, then constant.

Run with Debian's python3 (python3-numpy; transformers is not needed):
    /usr/bin/python3 graders/lr-schedule/generate_cases.py

Inputs: in.steps (int64, any shape, values ≥ 0); args peakLr, warmupSteps W, totalSteps S, minLr.
Expected values: an independent scalar implementation in Python floats (math.cos, one step at a time):
    s < W       : peak · s / max(1, W)
    W ≤ s ≤ S   : minLr + (peak − minLr) · ½ (1 + cos(π · (s − W) / max(1, S − W)))
    s > S       : minLr
Cross-checks, all asserted:
  * for every s ≤ S it equals peak × the lr_lambda of Hugging Face transformers' get_cosine_schedule_with_warmup
    with a min-lr floor (_get_cosine_schedule_with_warmup_lr_lambda with min_lr_rate = minLr / peak, as in
    get_cosine_with_min_lr_schedule_with_warmup, num_cycles = 0.5), written out below, to 1e-15 × peak;
    past S that formula climbs back up the cosine, and the kata holds minLr instead (the "no-clamp" check below);
  * a second evaluation — the warm-up in exact rationals, the cosine in long double (np.longdouble) — agrees to
    1e-15 × peak;
  * each case fails the mistakes it targets, by more than 100× the kata's tolerance: 1-based steps ("off-by-one"),
    warm-up reaching the peak at W − 1 ("warmup-ends-early"), cosine to 0 ignoring the floor ("no-floor"), the
    cosine not held at minLr past S ("no-clamp"), progress over S instead of S − W ("progress-over-total"), the
    warm-up ratio in float32 ("float32-division").
Seeds are fixed; the files are deterministic.
"""
import json
import math
import os
import sys
from fractions import Fraction

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "lr-schedule"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL = (1e-15, 1e-12)
WRITTEN = []


def lr(s, peak, w, total, min_lr):
    if s < w:
        return peak * s / max(1, w)
    if s > total:
        return min_lr
    progress = (s - w) / max(1, total - w)
    return min_lr + (peak - min_lr) * 0.5 * (1.0 + math.cos(math.pi * progress))


def lr_exactish(s, peak, w, total, min_lr):
    """Warm-up in exact rationals, cosine in long double: an independent evaluation."""
    if s < w:
        return float(Fraction(peak) * Fraction(s, max(1, w)))
    if s > total:
        return min_lr
    progress = np.longdouble(s - w) / np.longdouble(max(1, total - w))
    c = np.cos(np.longdouble(math.pi) * progress)
    return float(np.longdouble(min_lr) + (np.longdouble(peak) - np.longdouble(min_lr)) * np.longdouble(0.5) * (1 + c))


def hf_lr_lambda(current_step, *, num_warmup_steps, num_training_steps, num_cycles=0.5, min_lr_rate=0.0):
    """transformers.optimization._get_cosine_schedule_with_warmup_lr_lambda (with min_lr_rate), written out."""
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1, num_warmup_steps))
    progress = float(current_step - num_warmup_steps) / float(max(1, num_training_steps - num_warmup_steps))
    factor = 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress))
    factor = factor * (1 - min_lr_rate) + min_lr_rate
    return max(0, factor)


def mutant(kind, s, peak, w, total, min_lr):
    if kind == "off-by-one":
        return lr(s + 1, peak, w, total, min_lr)
    if kind == "warmup-ends-early":
        return peak * (s + 1) / max(1, w) if s < w else lr(s, peak, w, total, min_lr)
    if kind == "no-floor":
        return 0.0 if s > total else lr(s, peak, w, total, 0.0) if s >= w else lr(s, peak, w, total, min_lr)
    if kind == "no-clamp":
        if s < w:
            return lr(s, peak, w, total, min_lr)
        progress = (s - w) / max(1, total - w)
        return min_lr + (peak - min_lr) * 0.5 * (1.0 + math.cos(math.pi * progress))
    if kind == "progress-over-total":
        if s < w:
            return lr(s, peak, w, total, min_lr)
        progress = min(1.0, (s - w) / max(1, total))
        return min_lr + (peak - min_lr) * 0.5 * (1.0 + math.cos(math.pi * progress))
    if kind == "float32-division":
        return peak * float(np.float32(s) / np.float32(max(1, w))) if s < w else lr(s, peak, w, total, min_lr)
    raise ValueError(kind)


def case(name, steps, peak, w, total, min_lr, note, expect=()):
    steps = np.array(steps, dtype=np.int64)
    assert 0 <= w <= total and 0 <= min_lr <= peak and np.all(steps >= 0)
    flat = steps.ravel()
    want = np.array([lr(int(s), peak, w, total, min_lr) for s in flat], dtype=np.float64)
    for s, v in zip(flat, want):
        s = int(s)
        assert abs(lr_exactish(s, peak, w, total, min_lr) - v) <= 1e-15 * peak, (name, s)
        hf = peak * hf_lr_lambda(s, num_warmup_steps=w, num_training_steps=total, min_lr_rate=min_lr / peak if peak else 0.0)
        if s <= total:
            assert abs(hf - v) <= 1e-15 * peak, (name, s, hf, v)
    for kind in expect:
        m = np.array([mutant(kind, int(s), peak, w, total, min_lr) for s in flat])
        assert np.any(np.abs(m - want) > 100 * (TOL[0] + TOL[1] * np.abs(want))), (name, kind, "does not catch it")
    tensors = {"in.steps": steps, "out": want.reshape(steps.shape)}
    args = {"peakLr": peak, "warmupSteps": w, "totalSteps": total, "minLr": min_lr}
    meta = {"kata": SLUG, "args": json.dumps(args), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, path
    WRITTEN.append((path, tensors, meta))
    print(f"{name}: steps {list(steps.shape)} W={w} S={total} peak={peak:g} min={min_lr:g}; "
          f"lr in [{want.min() if want.size else 0:.6g}, {want.max() if want.size else 0:.6g}]")


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(909)

    case("01-every-step", np.arange(0, 121), 1e-3, 10, 100, 1e-5,
         "basic: every step 0…120 with W = 10, S = 100, peak 1e-3, floor 1e-5: lr(0) = 0, lr(10) = peak, lr(100) = floor, "
         "constant after", expect=("off-by-one", "warmup-ends-early", "no-floor", "no-clamp", "progress-over-total"))
    case("02-boundaries-2d", np.array([[0, 1, 7, 8, 9], [10, 11, 50, 99, 100], [101, 5000, 9, 10, 0]]), 3e-4, 10, 100, 3e-5,
         "edge: the boundary steps 0, W − 1, W, W + 1, S − 1, S, S + 1 (and repeats) in a [3, 5] int64 tensor: the output has "
         "the steps' shape", expect=("off-by-one", "warmup-ends-early", "no-floor", "no-clamp"))
    case("03-no-warmup", np.arange(0, 30), 0.1, 0, 25, 0.01,
         "edge: W = 0 (no warm-up): step 0 is already the peak and the cosine starts there",
         expect=("off-by-one", "no-floor", "no-clamp"))
    case("04-no-decay", np.arange(0, 12), 2e-3, 6, 6, 2e-4,
         "edge: S = W = 6 (no decay phase): peak at step 6 exactly, the floor from step 7 (progress divides by max(1, S − W))",
         expect=("warmup-ends-early", "no-floor"))
    case("05-floor-zero", np.arange(0, 60, 3), 5e-4, 5, 40, 0.0,
         "edge: minLr = 0: cosine to exactly 0 at S, and 0 after it", expect=("off-by-one", "no-clamp", "progress-over-total"))
    case("06-warmup-one-step", np.arange(0, 8), 1.0, 1, 5, 0.1,
         "edge: W = 1: lr(0) = 0, lr(1) = peak", expect=("off-by-one", "warmup-ends-early", "no-floor", "no-clamp"))
    big_w, big_s = 2_000_000, 1_000_000_000_000
    steps = np.array([0, 1, 1_999_999, 2_000_000, 2_000_001, 123_456_789_012, 999_999_999_999, 1_000_000_000_000,
                      1_000_000_000_001, 2**52], dtype=np.int64)
    case("07-huge-steps", steps, 6e-4, big_w, big_s, 6e-5,
         "hard: W = 2e6, S = 1e12, steps up to 2^52: step counts must be converted to float64, not float32 "
         "(float32 cannot tell step 1 999 999 from 2 000 000)", expect=("float32-division", "off-by-one", "no-clamp"))
    case("08-scalar-step", np.array(55, dtype=np.int64), 1e-3, 10, 100, 1e-5,
         "edge: a 0-d steps tensor (one step, 55): the output is 0-d too", expect=("off-by-one", "no-floor"))
    case("09-empty-steps", np.zeros((0,), dtype=np.int64), 1e-3, 10, 100, 1e-5,
         "edge: an empty steps tensor [0]: an empty float64 tensor back")
    case("10-peak-equals-floor", np.arange(0, 20), 1e-3, 4, 12, 1e-3,
         "edge: minLr = peak: warm-up to the peak, then constant", expect=("warmup-ends-early", "no-floor"))
    steps = rng.integers(0, 3000, size=(4, 8, 2))
    case("11-random-order-3d", steps, 2e-4, 300, 2500, 1e-6,
         "steps in random order in a [4, 8, 2] tensor, W = 300, S = 2500",
         expect=("off-by-one", "no-floor", "no-clamp", "progress-over-total"))
    steps = np.array([3, 4, 5, 6, 7, 8, 9, 10, 1_000, 16_777_216, 16_777_217, 16_777_218])
    case("12-near-float32-limit", steps, 1.0, 16_777_219, 40_000_000, 0.0,
         "hard: a warm-up of W = 16 777 219 steps, steps around 2^24 = 16 777 216 where float32 stops representing every "
         "integer", expect=("float32-division", "off-by-one"))

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
