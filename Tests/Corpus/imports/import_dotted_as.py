import torch.nn as nn
from torch import nn as nn2
print(nn is nn2)  # expect: True
