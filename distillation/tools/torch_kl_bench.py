"""PyTorch reference for kl4j's LogitsKlGradientBenchmark: value + gradient of
F.kl_div(F.log_softmax(s), F.log_softmax(t), log_target=True, reduction='batchmean')
on two float32 [rows x cols] N(0, 3^2) matrices, gradient with respect to s (the student).
Prints the peak extra resident memory (VmHWM after resetting it) and wall / CPU time.
Usage (Debian python3-torch): /usr/bin/python3 torch_kl_bench.py [rows cols [threads]]"""
import resource, sys, time
import torch
import torch.nn.functional as F

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 4096
cols = int(sys.argv[2]) if len(sys.argv) > 2 else 32768
torch.set_num_threads(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
torch.manual_seed(42)


def status(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])


def step(t, s):
    s = s.detach().requires_grad_(True)
    loss = F.kl_div(F.log_softmax(s, -1), F.log_softmax(t, -1), log_target=True, reduction="batchmean")
    loss.backward()
    return s.grad[0, 0].item()


small = torch.randn(16, 64)
step(small, small)
t = torch.randn(rows, cols) * 3
s = torch.randn(rows, cols) * 3
before = status("VmRSS")
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")
cpu0 = time.process_time()
wall0 = time.perf_counter()
step(t, s)
wall = time.perf_counter() - wall0
cpu = time.process_time() - cpu0
peak = status("VmHWM")
inputs = 2 * rows * cols * 4
extra = (peak - before) * 1024
print(f"torch {torch.__version__} F.kl_div value+gradient (student) [{rows} x {cols}] float32: inputs {inputs / 2**20:.0f} MiB, "
      f"peak extra {extra / 2**20:.0f} MiB = {extra / inputs:.2f} x inputs, {wall:.2f} s wall ({inputs / wall / 1e9:.2f} GB/s), "
      f"{cpu:.2f} s CPU ({inputs / cpu / 1e9:.2f} GB/s)")
