# Writes N synthetic 512x512 16-bit CT instances (one study, one series) with pydicom: python3 make_ct_series.py DIR N
import sys, os
import numpy as np
from pydicom import dcmread
from pydicom.uid import generate_uid, ExplicitVRLittleEndian

out, count = sys.argv[1], int(sys.argv[2])
os.makedirs(out, exist_ok=True)
template = dcmread("/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm")
study, series = generate_uid(), generate_uid()
rng = np.random.default_rng(1)
for i in range(count):
    ds = template.copy()
    ds.StudyInstanceUID, ds.SeriesInstanceUID = study, series
    ds.SOPInstanceUID = generate_uid()
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.InstanceNumber = i + 1
    ds.Rows = ds.Columns = 512
    ds.PixelData = rng.integers(0, 4096, (512, 512), dtype=np.uint16).tobytes()
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.save_as(os.path.join(out, f"ct{i:04d}.dcm"), write_like_original=False)
