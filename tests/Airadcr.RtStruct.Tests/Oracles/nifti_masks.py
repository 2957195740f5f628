"""Reads NIfTI masks with nibabel: voxel count, volume and the centroid of the non-zero voxels mapped through the
file's affine (RAS, mm).

usage: /usr/bin/python3 nifti_masks.py FILE.nii.gz...
prints one line per file: "<file>\t<voxels>\t<volume mm3>\t<x>\t<y>\t<z>\t<dims>"
"""
import sys

import nibabel as nib
import numpy as np

for path in sys.argv[1:]:
    image = nib.load(path)
    data = np.asarray(image.dataobj)
    ijk = np.argwhere(data > 0)
    count = len(ijk)
    volume = count * abs(np.linalg.det(image.affine[:3, :3]))
    centre = image.affine @ np.append(ijk.mean(axis=0), 1.0) if count else [float("nan")] * 3
    dims = "x".join(str(d) for d in data.shape)
    print(f"{path}\t{count}\t{volume:.6f}\t{centre[0]:.6f}\t{centre[1]:.6f}\t{centre[2]:.6f}\t{dims}")
