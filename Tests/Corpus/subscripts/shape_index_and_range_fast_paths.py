# `t.shape[k]` read without a torch.Size tuple and `range(n)` / `range(a, b)` without binding
# arguments by name, against the general paths for everything else.
import torch
x = torch.ones(2, 3)
print(x.shape[0], x.shape[1], x.T.shape[0])  # expect: 2 3 3
try:
    x.shape[2]
except IndexError as e:
    print(e)  # expect: tuple index out of range
class S:
    shape = (7, 8)
print(S().shape[1])  # expect: 8
try:
    (1).shape[0]
except AttributeError as e:
    print(e)  # expect: 'int' object has no attribute 'shape'
print(range(3), range(1, 4), list(range(True)), list(range(2, 9, 3)))  # expect: range(0, 3) range(1, 4) [0] [2, 5, 8]
