"""Shared pieces of the sparse-attention case generators (sparse-attention, block-sparse-attention,
global-local-attention): dense masked attention as the independent reference, a per-row long-double loop over each
query's enumerated keys as its cross-check, and the two tolerance checks every such generator asserts."""
import math

import numpy as np
import torch


def dense(q, k, v, mask, double_count=None, scale=True):
    """Dense masked attention in q's dtype. mask: bool [T,T], True where query i may attend key j. double_count: bool
    [T,T] of keys whose weight is counted twice. Returns (output, masked scores)."""
    D = q.shape[-1]
    scores = (q @ k.transpose(-1, -2)) / (math.sqrt(D) if scale else 1.0)
    scores = scores.masked_fill(~mask, float("-inf"))
    if double_count is not None:  # exp(s) counted twice == score + log 2
        scores = scores + double_count.to(scores.dtype) * math.log(2.0)
    return torch.softmax(scores, dim=-1) @ v, scores


def per_row_longdouble(q, k, v, keys_of_row):
    """The same attention row by row in numpy long double, each query over keys_of_row(i) (a list of key positions)."""
    q, k, v = (a.astype(np.longdouble) for a in (q, k, v))
    B, H, T, D = q.shape
    out = np.zeros((B, H, T, D), dtype=np.longdouble)
    scale = np.sqrt(np.longdouble(D))
    for i in range(T):
        keys = keys_of_row(i)
        for b in range(B):
            for h in range(H):
                sc = (k[b, h, keys] @ q[b, h, i]) / scale
                e = np.exp(sc - sc.max())
                out[b, h, i] = (e / e.sum()) @ v[b, h, keys]
    return out


def float32_error_ratio(q, k, v, mask, expected, atol, rtol):
    """Largest error of a pure float32 computation against the expected values, as a fraction of the tolerance."""
    out32, _ = dense(q, k, v, mask)
    err = (out32.double() - expected.double()).abs()
    return float((err / (atol + rtol * expected.double().abs())).max())


def excess_over_tolerance(wrong, expected64, atol, rtol):
    """How many tolerances a mistaken output is away from the expected one, at its worst element."""
    return float(((wrong - expected64).abs() / (atol + rtol * expected64.abs())).max())
