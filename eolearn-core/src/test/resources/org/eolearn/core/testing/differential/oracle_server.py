# The Python side of the differential harness (org.eolearn.core.testing.differential): runs eo-learn tasks on
# patches the Java tests write, one request per line on stdin, one answer per line on stdout. Started once per test
# class with ../shared/oracle/env.sh, so eo-learn's import and numba's compilation are paid once.
#
# Request:  {"id": N, "task": "ErosionTask", "params": {"init": {...}, "execute": {...}},
#            "inputs": ["/tmp/in0", ...], "output": "/tmp/out"}
#           params are in the parity corpus's format (../shared/parity/README.md); a value {"python": "expr"} is
#           evaluated as Python where the JSON form would be ambiguous.
# Answer:   {"id": N, "ok": true, "kind": "patch"} (the result patch saved, uncompressed, to output), or
#           {"id": N, "ok": false, "error": "ValueError", "message": "..."} when eo-learn raises.
import datetime as dt
import enum
import inspect
import json
import os
import re
import sys
import traceback
import typing
import warnings

warnings.simplefilter("ignore")
os.environ.setdefault("NUMBA_CACHE_DIR", os.path.join(os.environ.get("XDG_CACHE_HOME", "/tmp"), "numba"))

import numpy as np  # noqa: E402

import eolearn.core  # noqa: E402
import eolearn.core.utils.raster  # noqa: E402
import eolearn.coregistration  # noqa: E402
import eolearn.features  # noqa: E402
import eolearn.features.extra.interpolation  # noqa: E402
import eolearn.features.feature_manipulation  # noqa: E402
import eolearn.features.utils  # noqa: E402
import eolearn.geometry  # noqa: E402
import eolearn.io  # noqa: E402
import eolearn.mask  # noqa: E402
import eolearn.ml_tools  # noqa: E402
from eolearn.core import EOPatch, FeatureType, OverwritePermission  # noqa: E402

MODULES = [eolearn.core, eolearn.features, eolearn.features.extra.interpolation, eolearn.features.feature_manipulation,
           eolearn.features.utils, eolearn.geometry, eolearn.mask, eolearn.ml_tools, eolearn.coregistration,
           eolearn.io, eolearn.core.utils.raster]
try:
    import eolearn_legacy  # noqa: F401
except ImportError:
    pass

NS = {"np": np, "numpy": np, "FeatureType": FeatureType, "dt": dt, "datetime": dt}
for _m in MODULES:
    NS.update({k: v for k, v in vars(_m).items() if not k.startswith("_")})
FT_VALUES = {ft.value: ft for ft in FeatureType}


def find(name):
    for module in MODULES:
        if hasattr(module, name):
            return getattr(module, name)
    if "." in name:
        mod, _, attr = name.rpartition(".")
        return getattr(__import__(mod, fromlist=[attr]), attr)
    raise KeyError(f"no eo-learn class or function {name}")


def hint_of(func, name):
    try:
        hints = typing.get_type_hints(func)
    except Exception:  # forward references eo-learn does not resolve
        hints = getattr(func, "__annotations__", {})
    return hints.get(name)


def enums_in(hint):
    out = []
    if inspect.isclass(hint) and issubclass(hint, enum.Enum):
        out.append(hint)
    for arg in getattr(hint, "__args__", ()) or ():
        out.extend(enums_in(arg))
    return out


def mentions_feature(hint):
    return hint is not None and "Feature" in str(hint)


def is_feature_list(v):
    return (isinstance(v, list) and 2 <= len(v) <= 3 and all(isinstance(x, str) for x in v) and v[0] in FT_VALUES
            and v[1] not in FT_VALUES)


def conv(v, hint=None):
    """Converts a value of the corpus's params JSON to what eo-learn takes."""
    if isinstance(v, str):
        if v == "...":
            return ...
        if "datetime" in str(hint) and "T" in v:
            try:
                return dt.datetime.fromisoformat(v)  # the corpus writes dates as ISO strings
            except ValueError:
                pass
        if mentions_feature(hint) and v in FT_VALUES:
            return FT_VALUES[v]
        if "Callable" in str(hint) and "." in v and v.replace(".", "").replace("_", "").isalnum():
            return find(v)  # a function or class by its dotted name: "scipy.interpolate.interp1d", "numpy.interp"
        for e in enums_in(hint):
            for candidate in (v, v.lower(), v.upper()):
                try:
                    return e(candidate)
                except ValueError:
                    pass
            if v.upper() in e.__members__:
                return e[v.upper()]
        return v
    if isinstance(v, dict):
        if "python" in v:
            return eval(v["python"], NS)
        if "callable" in v:
            return eval(v["callable"], NS)
        if "cv2" in v:
            return v["value"]
        if "factory" in v and "array" not in v:
            return eval(v["factory"], NS)
        if "array" in v:
            return np.array(v["array"], dtype=np.uint8)
        if "nan" in v:
            return float(v["nan"])
        if re.search(r"[Dd]ict\[int\b", str(hint)):  # JSON keys are strings: ints where the hint says so
            return {int(k): conv(x) for k, x in v.items()}
        return {conv(k, hint) if k in FT_VALUES else k: conv(x) for k, x in v.items()}
    if isinstance(v, list):
        if (v and "dict" in str(hint).lower() and all(isinstance(x, list) and len(x) == 2 and is_feature_list(x[0])
                                                      for x in v)):
            return {conv(x[0]): conv(x[1]) for x in v}  # a dict keyed by features, written as [feature, value] pairs
        if v and all(isinstance(x, int) for x in v) and "tuple" in str(hint).lower():
            return tuple(v)  # the corpus writes tuples (shapes) as lists
        if is_feature_list(v):
            return (FT_VALUES[v[0]], *v[1:])
        if mentions_feature(hint):
            return [conv(x, hint) for x in v]
        return [conv(x) for x in v]
    if isinstance(v, float) and v != v:
        return float("nan")
    return v


def strict_floats(v):
    if v == "NaN":
        return float("nan")
    if v == "Infinity":
        return float("inf")
    if v == "-Infinity":
        return float("-inf")
    if isinstance(v, list):
        return [strict_floats(x) for x in v]
    if isinstance(v, dict):
        return {k: strict_floats(x) for k, x in v.items()}
    return v


def kwargs(func, params):
    return {k: conv(strict_floats(v), hint_of(func, k)) for k, v in (params or {}).items()}


def run(request):
    target = find(request["task"])
    params = request.get("params") or {}
    inputs = [EOPatch.load(p) for p in request.get("inputs", [])]
    if inspect.isclass(target):
        task = target(**kwargs(target.__init__, params.get("init")))
        result = task.execute(*inputs, **kwargs(task.execute, params.get("execute")))
    else:
        result = target(*inputs, **kwargs(target, params.get("call")))
    output = request.get("output")
    if isinstance(result, EOPatch):
        features = request.get("save_features")
        features = ... if features is None else [(FT_VALUES[t], n) for t, n in features]
        result.save(output, features=features, overwrite_permission=OverwritePermission.OVERWRITE_PATCH,
                    compress_level=0)
        return {"kind": "patch"}
    if isinstance(result, np.ndarray):
        os.makedirs(output, exist_ok=True)
        np.save(os.path.join(output, "result.npy"), result)
        return {"kind": "array"}
    return {"kind": "value", "value": repr(result)}


def main():
    out = sys.stdout
    sys.stdout = sys.stderr  # nothing a task prints may corrupt the answers
    out.write(json.dumps({"ready": True}) + "\n")
    out.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        answer = {"id": request.get("id")}
        try:
            answer.update(run(request))
            answer["ok"] = True
        except Exception as e:  # the task's own rejection is an answer too
            answer.update(ok=False, error=type(e).__name__, message=str(e)[:2000],
                          trace=traceback.format_exc()[-4000:])
        out.write(json.dumps(answer) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
