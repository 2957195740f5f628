"""Volumes of every ROI of an RTSTRUCT by dicompyler-core's DVH calculation (dvhcalc.get_dvh), on a uniform RT Dose
built here on the CT's own grid (so dicompyler rasterises each contour plane on the same voxel centres).

usage: /usr/bin/python3 dicompyler_volumes.py RS.dcm CT_DIR
prints one line per ROI: "<roi number>\t<volume in cc>"
"""
import glob
import sys

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid
from dicompylercore import dicomparser, dvhcalc

rs_path, ct_dir = sys.argv[1], sys.argv[2]
cts = [pydicom.dcmread(p, stop_before_pixels=True) for p in glob.glob(ct_dir + "/CT*.dcm")]
cts.sort(key=lambda d: float(d.ImagePositionPatient[2]))
first = cts[0]
z0 = float(first.ImagePositionPatient[2])

dose = Dataset()
dose.file_meta = FileMetaDataset()
dose.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
dose.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.481.2"
dose.is_little_endian = True
dose.is_implicit_VR = False
dose.SOPClassUID = "1.2.840.10008.5.1.4.1.1.481.2"
dose.SOPInstanceUID = generate_uid()
dose.Modality = "RTDOSE"
dose.FrameOfReferenceUID = first.FrameOfReferenceUID
dose.ImagePositionPatient = first.ImagePositionPatient
dose.ImageOrientationPatient = first.ImageOrientationPatient
dose.PixelSpacing = first.PixelSpacing
dose.Rows = first.Rows
dose.Columns = first.Columns
dose.NumberOfFrames = len(cts)
dose.GridFrameOffsetVector = [float(d.ImagePositionPatient[2]) - z0 for d in cts]
dose.SamplesPerPixel = 1
dose.PhotometricInterpretation = "MONOCHROME2"
dose.BitsAllocated = 16
dose.BitsStored = 16
dose.HighBit = 15
dose.PixelRepresentation = 0
dose.DoseUnits = "GY"
dose.DoseType = "PHYSICAL"
dose.DoseSummationType = "PLAN"
dose.DoseGridScaling = 0.01
dose.PixelData = np.full((len(cts), first.Rows, first.Columns), 100, dtype=np.uint16).tobytes()

rs = pydicom.dcmread(rs_path, force=True)  # pydicom's own rtstruct.dcm has no preamble
for roi in rs.StructureSetROISequence:
    number = int(roi.ROINumber)
    result = dvhcalc.get_dvh(rs, dose, number)
    print(f"{number}\t{result.volume:.6f}")
