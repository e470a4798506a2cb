# Found by fuzzing (FuzzInterpreter: precondition failure): torch.rand(8, 0) failed the buffer
# check of the random fill, because a tensor with a zero-size dim did not count as contiguous.
# Like PyTorch, a tensor with no elements is contiguous.
import torch
print(torch.rand(8, 0), torch.randn(0, 3).shape)  # expect: tensor([], size=(8, 0)) torch.Size([0, 3])
print(torch.zeros(8, 0).is_contiguous(), torch.zeros(0, 3).t().is_contiguous())  # expect: True True
x = torch.zeros(4, 0, 2)
x.uniform_()
print(x.shape, x.permute(2, 1, 0).contiguous().shape)  # expect: torch.Size([4, 0, 2]) torch.Size([2, 0, 4])
