"""Times pydicom dcmread over the files listed on stdin: prints files/s, full and header-only (best of N runs)."""
import sys
import time
import warnings

warnings.simplefilter("ignore")
import pydicom  # noqa: E402

files = [line.strip() for line in sys.stdin if line.strip()]
runs = int(sys.argv[1])


def best(stop):
    result = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for f in files:
            ds = pydicom.dcmread(f, force=True, stop_before_pixels=stop)
            for _elem in ds.iterall():  # touch every element, as our full parse materialises them all
                pass
        result = min(result, time.perf_counter() - start)
    return len(files) / result


print(f"{best(False)} {best(True)}")
