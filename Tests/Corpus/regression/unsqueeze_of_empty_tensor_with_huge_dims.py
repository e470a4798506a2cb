# Found by fuzzing: unsqueeze multiplied an empty tensor's (wrapped, never used) stride by a
# huge size and trapped on overflow. Empty views of any size must reshape freely. (PyTorch
# refuses to *create* a contiguous tensor this big, so the view comes from as_strided.)
import torch
x = torch.zeros(0).as_strided((0, 2**40, 2**40), (2**40, 2**40, 1))
print(x.unsqueeze(1).shape)  # expect: torch.Size([0, 1, 1099511627776, 1099511627776])
print(x.unsqueeze(2).shape)  # expect: torch.Size([0, 1099511627776, 1, 1099511627776])
print(x.unsqueeze(-1).numel())  # expect: 0
y = torch.arange(6.)
print(y.as_strided((2,), (3,), 1))  # expect: tensor([1., 4.])
try:
    y.as_strided((4, 4), (4, 1))
except RuntimeError as e:
    print(e)  # expect: setStorage: sizes [4, 4], strides [4, 1], storage offset 0, and itemsize 4 requiring a storage size of 64 are out of bounds for storage of size 24
