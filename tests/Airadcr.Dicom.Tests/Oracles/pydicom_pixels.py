"""Prints pydicom's pixel_array of each file given, one JSON line per file: {"shape": [...], "values": [...]}
(all frames, samples interleaved), or {"error": "..."} when pydicom cannot decode it."""
import json
import sys
import warnings

warnings.simplefilter("ignore")
import pydicom  # noqa: E402

for path in sys.argv[1:]:
    try:
        arr = pydicom.dcmread(path, force=True).pixel_array
        print(json.dumps({"shape": list(arr.shape), "values": arr.ravel().tolist()}))
    except Exception as ex:  # noqa: BLE001 - reported to the test
        print(json.dumps({"error": f"{type(ex).__name__}: {ex}"}))
