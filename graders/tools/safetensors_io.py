"""Minimal safetensors reader/writer for MlKatas golden case files (no dependency on the `safetensors` package).

Format (Hugging Face safetensors): 8-byte little-endian u64 header length N, N bytes of UTF-8 JSON header
(padded with spaces to a multiple of 8 bytes), then the raw little-endian tensor data. The header maps tensor
names to {"dtype", "shape", "data_offsets": [begin, end]} (offsets relative to the start of the data section)
and holds "__metadata__" (string -> string). Supported dtypes: F64, F32, I64, BOOL. 0-d tensors have shape [].

Uses numpy only. Usage:
    write_safetensors(path, {"in.x": np_array, ...}, {"kata": "...", ...})
    tensors, metadata = read_safetensors(path)
"""
import json
import struct

import numpy as np

_DTYPES = {
    "F64": np.dtype("<f8"),
    "F32": np.dtype("<f4"),
    "I64": np.dtype("<i8"),
    "BOOL": np.dtype("bool"),
}


def _dtype_name(arr):
    for name, dt in _DTYPES.items():
        if arr.dtype.kind == dt.kind and arr.dtype.itemsize == dt.itemsize:
            return name
    raise TypeError(f"unsupported dtype {arr.dtype}; allowed: float64, float32, int64, bool")


def write_safetensors(path, tensors, metadata=None):
    """Write `tensors` (name -> numpy array, or anything np.asarray accepts, e.g. a CPU torch tensor via .numpy())
    and `metadata` (str -> str) to `path`. Tensors are stored in sorted name order (as the HF library does)."""
    header = {}
    if metadata:
        for k, v in metadata.items():
            if not isinstance(k, str) or not isinstance(v, str):
                raise TypeError(f"metadata must be str->str, got {k!r}: {v!r}")
        header["__metadata__"] = dict(metadata)
    blobs = []
    offset = 0
    for name in sorted(tensors):
        if name == "__metadata__":
            raise ValueError("'__metadata__' is reserved")
        arr = np.asarray(tensors[name])
        dname = _dtype_name(arr)
        data = np.ascontiguousarray(arr, dtype=_DTYPES[dname]).tobytes(order="C")
        header[name] = {"dtype": dname, "shape": [int(s) for s in arr.shape],
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    hbytes = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    hbytes += b" " * ((8 - len(hbytes) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(hbytes)))
        f.write(hbytes)
        for b in blobs:
            f.write(b)


def read_safetensors(path):
    """Return (tensors: name -> numpy array (native byte order, writable copy), metadata: dict str -> str)."""
    with open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 8:
        raise ValueError("file too short")
    (n,) = struct.unpack("<Q", raw[:8])
    if 8 + n > len(raw):
        raise ValueError("header length exceeds file size")
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    data = raw[8 + n:]
    metadata = header.pop("__metadata__", {}) or {}
    tensors = {}
    end_max = 0
    for name, info in header.items():
        dt = _DTYPES[info["dtype"]]
        shape = tuple(info["shape"])
        b, e = info["data_offsets"]
        count = int(np.prod(shape, dtype=np.int64)) if shape else 1
        if e - b != count * dt.itemsize or e > len(data) or b < 0:
            raise ValueError(f"bad data_offsets for {name}")
        tensors[name] = np.frombuffer(data[b:e], dtype=dt).reshape(shape).astype(dt.newbyteorder("="), copy=True)
        end_max = max(end_max, e)
    if end_max != len(data):
        raise ValueError("data section has trailing or missing bytes")
    return tensors, metadata


def check_roundtrip(path, tensors, metadata):
    """Re-read `path` and assert it holds exactly `tensors` (bitwise, same dtype and shape) and `metadata`."""
    got, meta = read_safetensors(path)
    assert meta == dict(metadata), f"{path}: metadata mismatch"
    assert set(got) == set(tensors), f"{path}: tensor names {sorted(got)} != {sorted(tensors)}"
    for name, want in tensors.items():
        want = np.asarray(want)
        g = got[name]
        assert g.dtype == want.dtype.newbyteorder("="), f"{path}:{name}: dtype {g.dtype} != {want.dtype}"
        assert g.shape == want.shape, f"{path}:{name}: shape {g.shape} != {want.shape}"
        assert g.tobytes() == np.ascontiguousarray(want).tobytes(), f"{path}:{name}: data mismatch"
