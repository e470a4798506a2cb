# Fuzzing found these traps (crashes) on 0-d tensors; each now raises PyTorch's error.
import torch
x = torch.tensor(3.0)
cases = [
    ("narrow", lambda: x.narrow(0, 0, 1)),
    ("split", lambda: x.split(1)),
    ("split sizes", lambda: x.split([1])),
    ("chunk", lambda: x.chunk(1)),
    ("size", lambda: x.size(0)),
    ("stride", lambda: x.stride(0)),
    ("unbind", lambda: x.unbind(0)),
]
for name, f in cases:
    try:
        f()
        print(name, "ok")
    except (RuntimeError, IndexError) as e:
        print(name, type(e).__name__, e)
# expect: narrow RuntimeError narrow() cannot be applied to a 0-dim tensor.
# expect: split RuntimeError split expects at least a 1-dimensional tensor
# expect: split sizes RuntimeError split expects at least a 1-dimensional tensor
# expect: chunk RuntimeError chunk expects at least a 1-dimensional tensor
# expect: size IndexError Dimension specified as 0 but tensor has no dimensions
# expect: stride IndexError Dimension specified as 0 but tensor has no dimensions
# expect: unbind IndexError Dimension specified as 0 but tensor has no dimensions
values, indices = x.topk(1)
print(values, indices)  # expect: tensor(3.) tensor(0)
