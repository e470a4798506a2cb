# Found by fuzzing (FuzzTensors: division by zero trap): `a //= b` where b is a transpose of a
# overwrote divisors while dividing. Like PyTorch, an in-place op whose input partly overlaps the
# written tensor, or that writes an expanded tensor, is refused; full overlap (x += x) is fine.
import torch
b = torch.tensor([[3, 1], [2, 5]], dtype=torch.int8)
a = b.t()
try:
    a //= b
except RuntimeError as e:
    print(e)  # expect: unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation.
x = torch.arange(4.)
try:
    x[1:] += x[:-1]
except RuntimeError as e:
    print(e)  # expect: unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation.
print(x)  # expect: tensor([0., 1., 2., 3.])
x += x
print(x)  # expect: tensor([0., 2., 4., 6.])
x[:2] *= x[2:]
print(x)  # expect: tensor([ 0., 12.,  4.,  6.])
y = torch.arange(6.).reshape(2, 3)
y[0] += y[1]
print(y[0])  # expect: tensor([3., 5., 7.])
z = torch.zeros(3).expand(2, 3)
try:
    z += 1
except RuntimeError as e:
    print(e)  # expect: unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.
try:
    z.relu_()
except RuntimeError as e:
    print(e)  # expect: unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.
w = torch.arange(8.)
w[::2] += w[1::2]
print(w)  # expect: tensor([ 1.,  1.,  5.,  3.,  9.,  5., 13.,  7.])
