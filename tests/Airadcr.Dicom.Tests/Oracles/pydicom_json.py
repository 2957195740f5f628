"""Prints pydicom's DICOM JSON (PS3.18 F) of each file given, one line per file (oracle for the tests):
{"json": {...}, "skipped": ["GGGGEEEE", ...]} where "skipped" lists top-level elements pydicom cannot convert."""
import json
import sys
import warnings

warnings.simplefilter("ignore")
import pydicom  # noqa: E402
from pydicom import config  # noqa: E402

config.settings.reading_validation_mode = config.IGNORE

for path in sys.argv[1:]:
    ds = pydicom.dcmread(path, force=True)
    out, skipped = {}, []
    for elem in ds:
        key = f"{elem.tag:08X}"
        try:
            out[key] = elem.to_json_dict(None, 1 << 30)
        except Exception:  # noqa: BLE001 - the oracle reports what it cannot convert
            skipped.append(key)
    print(json.dumps({"json": out, "skipped": skipped}, ensure_ascii=False))
