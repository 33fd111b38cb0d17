"""Saving a fitted estimator as JSON plus a ``.npz`` of arrays, and loading it without pickle.

``pickle`` runs code while it loads (a crafted file can do anything the user can), and it
stores a class by the name of its module, so a model pickled in a chapter folder does not
even load from another folder. Here a model is *data*:

- ``<path>.json``: the schema version, the estimator's class (``module:Class``), its
  hyperparameters and fitted state (numbers, strings, lists, dicts, nested estimators such
  as a pipeline's steps), the library versions, any metadata you pass (a training-data
  hash, test metrics, ...), and for every array its name, dtype, shape and SHA-256;
- ``<path>.npz``: the numeric arrays, read with ``allow_pickle=False``.

``load_model`` refuses, with a ``ModelFileError`` that says why, a file with another schema
version, a missing field, an array whose bytes do not match its recorded hash, an array
missing or extra, or a class outside the course (only ``utils.*`` and the chapter modules
``NN_name/name.py`` can be named, and they are imported from this repository). Nothing in
the files is ever executed.
"""
import hashlib
import importlib
import importlib.util
import json
import math
import platform
import sys
from pathlib import Path

import numpy as np

__all__ = ["save_model", "load_model", "ModelFileError", "SCHEMA_VERSION", "data_hash",
           "chapter_module"]

SCHEMA_VERSION = 1
ROOT = Path(__file__).resolve().parents[1]


class ModelFileError(ValueError):
    """A model file that is refused: wrong version, tampered, incomplete, or unsafe."""


def data_hash(*arrays):
    """SHA-256 of arrays or DataFrames (their values, shapes and dtypes): for the metadata."""
    h = hashlib.sha256()
    for a in arrays:
        a = a.to_numpy() if hasattr(a, "to_numpy") else np.asarray(a)
        h.update(repr((a.shape, str(a.dtype))).encode())
        h.update(a.tobytes() if a.dtype != object else repr(a.tolist()).encode())
    return h.hexdigest()


def _chapter_modules():
    """{module name: file} of the chapter modules, e.g. {"linear_regression": .../01_.../...py}."""
    out = {}
    for folder in sorted(ROOT.glob("[0-9][0-9]_*")):
        module = folder / f"{folder.name[3:]}.py"
        if module.exists():
            out[folder.name[3:]] = module
    return out


def chapter_module(name):
    """The chapter module ``name`` (e.g. ``"linear_regression"``), imported from its file.

    A chapter folder is not a package, so ``import linear_regression`` works only where that
    folder is on ``sys.path`` (inside it, or under pytest). This imports the module from
    this repository by its file, from any folder, once: it is registered in
    ``sys.modules`` under its own name, so its classes keep the module name
    (``linear_regression:Ridge``) that ``save_model`` writes and ``load_model`` reads, and a
    later ``import linear_regression`` gives the same module.

    Raises
    ------
    ValueError
        If ``name`` is not a chapter module (``NN_name/name.py``).
    """
    chapters = _chapter_modules()
    if name not in chapters:
        raise ValueError(f"{name!r} is not a chapter module; they are {sorted(chapters)}.")
    module = sys.modules.get(name)
    if module is None or Path(getattr(module, "__file__", "")).resolve() != chapters[name]:
        spec = importlib.util.spec_from_file_location(name, chapters[name])
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return module


def _import_class(path, estimator=True):
    module_name, _, class_name = path.partition(":")
    chapters = _chapter_modules()
    if module_name in chapters:
        module = chapter_module(module_name)
    elif module_name == "utils" or module_name.startswith("utils."):
        module = importlib.import_module(module_name)
    else:
        raise ModelFileError(f"class {path!r} is not part of the course: only utils.* and the "
                             f"chapter modules {sorted(chapters)} may be named.")
    cls = getattr(module, class_name, None)
    if not isinstance(cls, type) or (estimator and not hasattr(cls, "get_params")):
        raise ModelFileError(f"{path!r} is not {'an estimator ' if estimator else 'a '}class "
                             "of the course.")
    return cls


class _Writer:
    def __init__(self):
        self.arrays = {}

    def encode(self, value, where):
        if value is None or isinstance(value, (bool, str)):
            return value
        if isinstance(value, (int, np.integer)) and not isinstance(value, np.bool_):
            return int(value)
        if isinstance(value, np.bool_):
            return bool(value)
        if isinstance(value, (float, np.floating)):
            return float(value) if math.isfinite(value) else {"__float__": repr(float(value))}
        if isinstance(value, np.ndarray):
            if value.dtype.kind in "biuf":
                key = f"a{len(self.arrays)}"
                self.arrays[key] = np.ascontiguousarray(value)
                return {"__array__": key, "dtype": str(value.dtype), "shape": list(value.shape),
                        "sha256": hashlib.sha256(self.arrays[key].tobytes()).hexdigest()}
            if value.dtype.kind in "OU" and all(v is None or isinstance(v, str)
                                                 for v in value.ravel().tolist()):
                return {"__strings__": value.ravel().tolist(), "shape": list(value.shape),
                        "dtype": "object" if value.dtype.kind == "O" else str(value.dtype)}
            raise ModelFileError(f"{where}: cannot save an array of dtype {value.dtype}.")
        if isinstance(value, (list, tuple)):
            items = [self.encode(v, f"{where}[{i}]") for i, v in enumerate(value)]
            return {"__list__" if isinstance(value, list) else "__tuple__": items}
        if isinstance(value, dict):
            if not all(isinstance(k, (str, int)) for k in value):
                raise ModelFileError(f"{where}: dict keys must be strings or ints.")
            return {"__dict__": [[self.encode(k, where), self.encode(v, f"{where}[{k!r}]")]
                                 for k, v in value.items()]}
        if hasattr(value, "get_params"):
            return self.estimator(value, where)
        if hasattr(value, "__dict__") and not callable(value):
            # a plain object of the course (a fitted tree's arrays, say): its attributes
            path = f"{type(value).__module__}:{type(value).__name__}"
            _import_class(path, estimator=False)
            return {"__object__": path, "state": {k: self.encode(v, f"{where}.{k}")
                                                  for k, v in vars(value).items()}}
        raise ModelFileError(f"{where}: cannot save a {type(value).__name__} "
                             "(functions and arbitrary objects are refused, as they would "
                             "need pickle).")

    def estimator(self, est, where):
        cls = type(est)
        path = f"{cls.__module__}:{cls.__name__}"
        _import_class(path)   # refuse now what could not be loaded later
        params = est.get_params(deep=False)
        state = {k: v for k, v in vars(est).items() if k not in params}
        return {"__estimator__": path,
                "params": {k: self.encode(v, f"{where}.{k}") for k, v in params.items()},
                "state": {k: self.encode(v, f"{where}.{k}") for k, v in state.items()}}


def save_model(estimator, path, *, metadata=None):
    """Write ``estimator`` to ``<path>.json`` and ``<path>.npz``; return the two paths.

    Parameters
    ----------
    estimator : a fitted estimator of the course (a pipeline of them included)
    path : str or Path, without extension
    metadata : dict, optional
        JSON-serialisable facts to keep with the model (feature names, training-data hash
        from ``data_hash``, test metrics, ...); returned by ``load_model(...,
        with_metadata=True)``.
    """
    path = Path(path)
    writer = _Writer()
    document = {
        "schema_version": SCHEMA_VERSION,
        "model": writer.encode(estimator, "model"),
        "versions": {"python": platform.python_version(), "numpy": np.__version__},
        "metadata": metadata or {},
    }
    document["arrays"] = {k: {"dtype": str(a.dtype), "shape": list(a.shape),
                              "sha256": hashlib.sha256(a.tobytes()).hexdigest()}
                          for k, a in writer.arrays.items()}
    json_path, npz_path = path.with_suffix(".json"), path.with_suffix(".npz")
    json_path.write_text(json.dumps(document, indent=1, sort_keys=True), encoding="utf-8")
    np.savez(npz_path, **writer.arrays)
    return json_path, npz_path


class _Reader:
    def __init__(self, arrays):
        self.arrays = arrays

    def decode(self, value):
        if value is None or isinstance(value, (bool, int, float, str)):
            return value
        if isinstance(value, dict) and len(value) >= 1:
            if "__float__" in value:
                return float(value["__float__"])
            if "__array__" in value:
                return self.arrays[value["__array__"]]
            if "__strings__" in value:
                return np.array(value["__strings__"], dtype=value["dtype"]).reshape(value["shape"])
            if "__list__" in value:
                return [self.decode(v) for v in value["__list__"]]
            if "__tuple__" in value:
                return tuple(self.decode(v) for v in value["__tuple__"])
            if "__dict__" in value:
                return {self.decode(k): self.decode(v) for k, v in value["__dict__"]}
            if "__object__" in value:   # restored attribute by attribute, no __init__ run
                obj = object.__new__(_import_class(value["__object__"], estimator=False))
                obj.__dict__.update({k: self.decode(v) for k, v in value["state"].items()})
                return obj
            if "__estimator__" in value:
                cls = _import_class(value["__estimator__"])
                est = cls(**{k: self.decode(v) for k, v in value["params"].items()})
                for k, v in value["state"].items():
                    setattr(est, k, self.decode(v))
                return est
        raise ModelFileError(f"unknown entry in the model file: {str(value)[:80]}")


def load_model(path, *, with_metadata=False):
    """Load what ``save_model`` wrote, after checking it; see the module docstring.

    Returns the estimator, or ``(estimator, metadata)`` with ``with_metadata=True``.
    """
    path = Path(path)
    json_path, npz_path = path.with_suffix(".json"), path.with_suffix(".npz")
    try:
        document = json.loads(json_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelFileError(f"no model file {json_path}") from None
    except json.JSONDecodeError as e:
        raise ModelFileError(f"{json_path} is not valid JSON: {e}") from None
    missing = [k for k in ("schema_version", "model", "arrays", "versions", "metadata")
               if k not in document]
    if missing:
        raise ModelFileError(f"{json_path} lacks the fields {missing}.")
    if document["schema_version"] != SCHEMA_VERSION:
        raise ModelFileError(f"{json_path} has schema version {document['schema_version']!r}; "
                             f"this course reads version {SCHEMA_VERSION} only.")
    try:
        with np.load(npz_path, allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
    except FileNotFoundError:
        raise ModelFileError(f"no array file {npz_path}") from None
    except ValueError as e:   # e.g. an object array, which would need pickle
        raise ModelFileError(f"{npz_path} holds something other than plain arrays: {e}") from None
    expected = document["arrays"]
    if set(arrays) != set(expected):
        raise ModelFileError(f"{npz_path} holds the arrays {sorted(arrays)}, but the model "
                             f"file lists {sorted(expected)}.")
    for key, info in expected.items():
        a = arrays[key]
        if (str(a.dtype), list(a.shape)) != (info["dtype"], info["shape"]) or \
                hashlib.sha256(np.ascontiguousarray(a).tobytes()).hexdigest() != info["sha256"]:
            raise ModelFileError(f"array {key} in {npz_path} does not match its recorded "
                                 "dtype, shape or SHA-256: the file was changed or damaged.")
    model = _Reader(arrays).decode(document["model"])
    return (model, document["metadata"]) if with_metadata else model
