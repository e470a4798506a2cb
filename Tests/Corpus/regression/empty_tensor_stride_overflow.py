# Found by fuzzing (FuzzTensors: overflow trap in reshape's backward): the strides of a view of an
# empty tensor with huge dims multiplied past Int's range. Like PyTorch: creating such a tensor
# is refused, views of empty tensors never trap, and flatten of huge empty dims gives 0.
import torch
try:
    torch.zeros(2**40, 0, 2**40, 2**40)
except RuntimeError as e:
    print(e)  # expect: Stride calculation overflowed
y = torch.zeros(2**20, 0)
print(y.reshape(0, 2**40, 2**40).shape)  # expect: torch.Size([0, 1099511627776, 1099511627776])
try:
    y.reshape(2**40, 2**40, 0)
except RuntimeError as e:
    print(e)  # expect: numel: integer multiplication overflow
x = torch.zeros(2**40, 0, 2**20, 2**20)
print(x.flatten(2, 3).shape, x.flatten(0, 3).shape)  # expect: torch.Size([1099511627776, 0, 1099511627776]) torch.Size([0])
z = torch.zeros(2**20, 0, requires_grad=True)
(z.reshape(0, 2**40) * 2).sum().backward()
print(z.grad.shape)  # expect: torch.Size([1048576, 0])
