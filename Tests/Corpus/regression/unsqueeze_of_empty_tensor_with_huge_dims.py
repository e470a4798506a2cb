# Found by fuzzing: unsqueeze multiplied an empty tensor's (wrapped, never used) stride by a
# huge size and trapped on overflow. Empty tensors of any size must reshape freely.
import torch
x = torch.zeros(0, 2**40, 2**40)
print(x.unsqueeze(1).shape)  # expect: torch.Size([0, 1, 1099511627776, 1099511627776])
print(x.unsqueeze(2).shape)  # expect: torch.Size([0, 1099511627776, 1, 1099511627776])
print(x.unsqueeze(-1).numel())  # expect: 0
