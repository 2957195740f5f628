#!/usr/bin/python3
"""Generates the ONNX models shipped with Airadcr.Inference.

Reproducible: run `/usr/bin/python3 Airadcr.Inference/models/generate_models.py` (Debian's python3-onnx and
python3-numpy: `apt-get install -y --no-install-recommends python3-onnx python3-numpy`). The output is byte-identical
from run to run; the committed .onnx files must equal what this script writes (a test checks the manifests' sha256).

These are classical image-analysis baselines expressed as ONNX graphs, not trained diagnostic AI.
"""
import hashlib
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 13
HERE = os.path.dirname(os.path.abspath(__file__))


def save(model, name):
    model.producer_name = "airadcr-generate-models"
    model.producer_version = "1"
    onnx.checker.check_model(model)
    path = os.path.join(HERE, name + ".onnx")
    data = model.SerializeToString(deterministic=True)
    with open(path, "wb") as f:
        f.write(data)
    print(f"{name}.onnx {len(data)} bytes sha256 {hashlib.sha256(data).hexdigest()}")


def image_input(name):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, ["N", 1, "H", "W"])


def gaussian(sigma, radius):
    x = np.arange(-radius, radius + 1, dtype=np.float64)
    g = np.exp(-(x * x) / (2 * sigma * sigma))
    g /= g.sum()
    return x, g


def log_scale_nodes(sigma, index, source, initializers):
    """Scale-normalised negative Laplacian of Gaussian as two separable passes: -s^2 (Gxx*G + G*Gxx)."""
    radius = int(np.ceil(3 * sigma))
    x, g = gaussian(sigma, radius)
    gxx = g * (x * x - sigma * sigma) / sigma ** 4
    gxx -= g * (gxx.sum() / g.sum())  # zero DC response: flat regions give exactly no response
    k = 2 * radius + 1
    vertical = np.stack([gxx, g]).reshape(2, 1, k, 1).astype(np.float32)
    horizontal = (-(sigma * sigma) * np.stack([g, gxx])).reshape(2, 1, 1, k).astype(np.float32)
    v_name, h_name, s_name = f"log{index}_vertical", f"log{index}_horizontal", "log_sum"
    initializers.append(numpy_helper.from_array(vertical, v_name))
    initializers.append(numpy_helper.from_array(horizontal, h_name))
    first, second, out = f"log{index}_pass1", f"log{index}_pass2", f"log{index}_response"
    nodes = [
        helper.make_node("Conv", [source, v_name], [first], pads=[radius, 0, radius, 0]),
        helper.make_node("Conv", [first, h_name], [second], pads=[0, radius, 0, radius], group=2),
        helper.make_node("Conv", [second, s_name], [out]),
    ]
    return nodes, out


def half_resolution_nodes(source, initializers):
    """2x2 mean of the slice (odd sizes: the last row/column averaged alone), so that large scales run on a quarter of the pixels."""
    return [helper.make_node("AveragePool", [source], ["half"], kernel_shape=[2, 2], strides=[2, 2], ceil_mode=1,
                             count_include_pad=0)], "half"


def full_resolution_nodes(index, source, like, initializers):
    """Linear upsampling by exactly 2 (half-pixel centres: a half-resolution pixel sits between its two full ones),
    cropped to the size of `like`."""
    scales, start, axes = f"up{index}_scales", "crop_start", "crop_axes"
    if not any(i.name == scales for i in initializers):
        initializers.append(numpy_helper.from_array(np.array([1, 1, 2, 2], np.float32), scales))
    up, shape, end, out = f"log{index}_up", "like_shape", "crop_end", f"log{index}_full"
    nodes = [helper.make_node("Resize", [source, "", scales], [up], mode="linear", coordinate_transformation_mode="half_pixel")]
    if not any(i.name == start for i in initializers):
        initializers += [numpy_helper.from_array(np.array([0, 0], np.int64), start),
                         numpy_helper.from_array(np.array([2, 3], np.int64), axes),
                         numpy_helper.from_array(np.array([2], np.int64), "crop_from"),
                         numpy_helper.from_array(np.array([4], np.int64), "crop_to")]
        nodes += [helper.make_node("Shape", [like], [shape]),
                  helper.make_node("Slice", [shape, "crop_from", "crop_to"], [end])]
    nodes.append(helper.make_node("Slice", [up, start, end, axes], [out]))
    return nodes, out


def ct_nodule_candidates():
    # Scales in pixels of the model grid (1.0 mm): blob radius ~ sigma * sqrt(2), i.e. nodules ~4 to ~16 mm. The three
    # large scales run at half resolution (sigma / 2 on a 2x2-averaged slice, upsampled back): the same scale-normalised
    # response for blobs of that size, at a third of the cost of the full-resolution graph.
    full_sigmas, half_sigmas = [1.4, 2.0], [2.8, 4.0, 5.6]
    initializers = [numpy_helper.from_array(np.ones((1, 2, 1, 1), np.float32), "log_sum")]
    nodes, outs = [], []
    for i, s in enumerate(full_sigmas):
        n, o = log_scale_nodes(s, i, "lung_windowed", initializers)
        nodes += n
        outs.append(o)
    n, half = half_resolution_nodes("lung_windowed", initializers)
    nodes += n
    for i, s in enumerate(half_sigmas, start=len(full_sigmas)):
        n, o = log_scale_nodes(s / 2, i, half, initializers)
        nodes += n
        n, o = full_resolution_nodes(i, o, "lung_windowed", initializers)
        nodes += n
        outs.append(o)
    nodes += [
        helper.make_node("Concat", outs, ["scale_responses"], axis=1),
        helper.make_node("ReduceMax", ["scale_responses"], ["blob_response"], axes=[1], keepdims=1),
        helper.make_node("ArgMax", ["scale_responses"], ["blob_scale"], axis=1, keepdims=1),
    ]
    graph = helper.make_graph(
        nodes, "ct-nodule-candidates", [image_input("lung_windowed")],
        [helper.make_tensor_value_info("blob_response", TensorProto.FLOAT, ["N", 1, "H", "W"]),
         helper.make_tensor_value_info("blob_scale", TensorProto.INT64, ["N", 1, "H", "W"])],
        initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.doc_string = ("Multi-scale LoG blob detector on lung-windowed CT slices (sigmas px: %s at full resolution, %s at half)"
                        % (full_sigmas, half_sigmas))
    save(model, "ct-nodule-candidates")


def mr_brain_volumetry():
    lower, upper = 0.3, 0.8
    _, g = gaussian(0.8, 1)
    kernel = np.outer(g, g).reshape(1, 1, 3, 3).astype(np.float32)
    initializers = [
        numpy_helper.from_array(kernel, "smooth_kernel"),
        numpy_helper.from_array(np.array(lower, np.float32), "lower"),
        numpy_helper.from_array(np.array(upper, np.float32), "upper"),
    ]
    nodes = [
        helper.make_node("Conv", ["intensity", "smooth_kernel"], ["smoothed"], pads=[1, 1, 1, 1]),
        helper.make_node("Less", ["smoothed", "lower"], ["below"]),
        helper.make_node("Greater", ["smoothed", "upper"], ["above"]),
        helper.make_node("Or", ["below", "above"], ["outside"]),
        helper.make_node("Not", ["outside"], ["inside"]),
        helper.make_node("Cast", ["inside"], ["tissue_mask"], to=TensorProto.FLOAT),
    ]
    graph = helper.make_graph(
        nodes, "mr-brain-volumetry", [image_input("intensity")],
        [helper.make_tensor_value_info("tissue_mask", TensorProto.FLOAT, ["N", 1, "H", "W"])], initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.doc_string = "Intensity band [%.2f, %.2f] segmentation of normalised T1-like MR after 3x3 smoothing" % (lower, upper)
    save(model, "mr-brain-volumetry")


def dx_intensity_balance():
    steepness = 40.0
    initializers = [
        numpy_helper.from_array(np.array(0.25, np.float32), "low"),
        numpy_helper.from_array(np.array(0.75, np.float32), "high"),
        numpy_helper.from_array(np.array(steepness, np.float32), "steepness"),
    ]
    nodes = [
        helper.make_node("GlobalAveragePool", ["intensity"], ["mean4d"]),
        helper.make_node("Flatten", ["mean4d"], ["mean"], axis=1),
        helper.make_node("Sub", ["low", "mean"], ["under_margin"]),
        helper.make_node("Sub", ["mean", "high"], ["over_margin"]),
        helper.make_node("Sub", ["mean", "low"], ["above_low"]),
        helper.make_node("Sub", ["high", "mean"], ["below_high"]),
        helper.make_node("Min", ["above_low", "below_high"], ["adequate_margin"]),
        helper.make_node("Concat", ["under_margin", "adequate_margin", "over_margin"], ["margins"], axis=1),
        helper.make_node("Mul", ["margins", "steepness"], ["logits"]),
        helper.make_node("Softmax", ["logits"], ["probabilities"], axis=1),
    ]
    graph = helper.make_graph(
        nodes, "dx-intensity-balance", [helper.make_tensor_value_info("intensity", TensorProto.FLOAT, ["N", 1, 256, 256])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", 3])], initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.doc_string = "Mean-intensity balance of a projection radiograph: dark / balanced / bright"
    save(model, "dx-intensity-balance")


if __name__ == "__main__":
    ct_nodule_candidates()
    mr_brain_volumetry()
    dx_intensity_balance()
    sys.exit(0)
