# Found by fuzzing: summing an empty tensor whose other dims are huge multiplied its wrapped,
# never-used strides and trapped on overflow. An empty sum is zeros of the reduced shape.
import torch
x = torch.zeros(2**40, 0, 2**40)
print(x.sum(0).shape)  # expect: torch.Size([0, 1099511627776])
print(x.sum(2).shape)  # expect: torch.Size([1099511627776, 0])
print(x.permute(2, 1, 0).sum(2).shape, x.transpose(0, 2).sum(0).shape, x.sum((0, 2)).shape)  # expect: torch.Size([1099511627776, 0]) torch.Size([0, 1099511627776]) torch.Size([0])
print(torch.zeros(3, 0).sum(1))  # expect: tensor([0., 0., 0.])
