# Found by fuzzing (FuzzTensors timeout): an empty tensor whose zero-size dim is innermost after
# a transpose made the strided loops walk every row of the other dims (4 ** 17 empty rows).
# An empty operand is now one empty row.
import torch
x = torch.zeros([0] + [4] * 17).transpose(0, -1)
print(x.shape)  # expect: torch.Size([4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 0])
print(x.clone().shape == x.shape, (x + 1).shape == x.shape, x.contiguous().sum().item())  # expect: True True 0.0
y = torch.zeros(4, 0, 3).permute(2, 0, 1)
y[:] = 5
print(y.shape, y.sum(1).shape, (y * y).numel())  # expect: torch.Size([3, 4, 0]) torch.Size([3, 0]) 0
