# cnb-only: PyTorch computes slice lengths and split sizes in wrapping int64 (t[1:5:2**63-1] is
# empty there, and split sizes that wrap to the dim size are accepted); cnb computes them exactly.
# Fuzzing found integer-overflow traps and unbounded allocations from huge user values in
# tensor slicing, narrow, chunk, split and advanced indexing.
import torch
t = torch.arange(5)
print(t[0:5:2**62])  # expect: tensor([0])
print(t[1:5:9223372036854775807])  # expect: tensor([1])
print(len(t.chunk(2**62)))  # expect: 5
try:
    t.narrow(0, 1, 2**62)
except RuntimeError as e:
    print(e)  # expect: start (1) + length (4611686018427387904) exceeds dimension size (5).
try:
    t.split([2**62, 2**62, 2**62, 2**62 + 5])
except RuntimeError as e:
    print(type(e).__name__)  # expect: RuntimeError
idx = torch.zeros(1, dtype=torch.long).expand(10**6, 10**6)
try:
    t[idx]
except RuntimeError as e:
    print(type(e).__name__)  # expect: RuntimeError
