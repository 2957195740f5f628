"""Raw ONNX Runtime timing of the shipped models, CPU vs CUDA execution providers, batch 1/4/16."""
import glob, json, os, sys, time
import numpy as np
import onnxruntime as ort

print("onnxruntime", ort.__version__, "providers", ort.get_available_providers(), flush=True)
out = {"ort": ort.__version__, "providers": ort.get_available_providers(), "results": []}
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.onnx"))):
    for provider in ["CPUExecutionProvider", "CUDAExecutionProvider"]:
        if provider not in ort.get_available_providers():
            continue
        sess = ort.InferenceSession(path, providers=[provider])
        inp = sess.get_inputs()[0]
        h = inp.shape[2] if isinstance(inp.shape[2], int) else 512
        w = inp.shape[3] if isinstance(inp.shape[3], int) else 512
        for batch in (1, 4, 16):
            x = np.random.default_rng(0).random((batch, 1, h, w), dtype=np.float32)
            for _ in range(5):
                sess.run(None, {inp.name: x})
            times = []
            for _ in range(30):
                t = time.perf_counter(); sess.run(None, {inp.name: x}); times.append(time.perf_counter() - t)
            times.sort()
            r = {"model": os.path.basename(path), "provider": provider, "batch": batch, "shape": [batch, 1, h, w],
                 "median_ms": round(times[len(times)//2] * 1000, 3), "p90_ms": round(times[int(len(times)*0.9)] * 1000, 3),
                 "per_image_ms": round(times[len(times)//2] * 1000 / batch, 3)}
            out["results"].append(r); print(json.dumps(r), flush=True)
json.dump(out, open(os.path.join(os.environ.get("OUT", "/tmp"), "ort_gpu_bench.json"), "w"), indent=1)
