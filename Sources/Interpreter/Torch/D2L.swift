/// `from d2l import torch as d2l` (and the mxnet flavour): the chapter's helpers, written
/// for cnb in Python and run by the interpreter itself, so they behave exactly like user
/// code (autograd through `Y[i, j] = ...` included).
extension Interpreter {
    func fillD2L(_ m: PyModule, mxnet: Bool) {
        // Native plotting helpers first: the Python no-ops below then stay unused.
        fillD2LPlotting(m)
        loadPythonSource(mxnet ? d2lMXNetSource : d2lTorchSource, into: m)
        loadPythonSource(d2lCommonSource, into: m)
    }
}

private let d2lTorchSource = #"""
import torch
from torch import nn
from torch.nn import functional as F

def corr2d(X, K):
    """Two-dimensional cross-correlation of X with the kernel K."""
    kh, kw = K.shape
    out = torch.zeros((X.shape[0] - kh + 1, X.shape[1] - kw + 1))
    for r in range(out.shape[0]):
        for c in range(out.shape[1]):
            out[r, c] = (X[r:r + kh, c:c + kw] * K).sum()
    return out

def try_gpu(i=0):
    """The device to use: always the CPU in cnb."""
    return torch.device('cpu')

def try_all_gpus():
    """All usable devices: the CPU only in cnb."""
    return [torch.device('cpu')]

def cpu():
    return torch.device('cpu')

def accuracy(y_hat, y):
    """Number of correct predictions."""
    if len(y_hat.shape) > 1 and y_hat.shape[1] > 1:
        y_hat = y_hat.argmax(dim=1)
    hits = y_hat.type(y.dtype) == y
    return float(hits.type(y.dtype).sum())

def evaluate_accuracy_gpu(net, data_iter, device=None):
    """Accuracy of net over a data set (an iterable of (X, y) batches)."""
    if isinstance(net, nn.Module):
        net.eval()
    metric = Accumulator(2)
    with torch.no_grad():
        for X, y in data_iter:
            metric.add(accuracy(net(X), y), y.numel())
    return metric[0] / metric[1]

def init_cnn(module):
    if type(module) == nn.Linear or type(module) == nn.Conv2d:
        nn.init.xavier_uniform_(module.weight)

def train_ch6(net, train_iter, test_iter, num_epochs, lr, device=None):
    """Trains net with SGD and cross-entropy; prints the loss and accuracies."""
    net.apply(init_cnn)
    optimizer = torch.optim.SGD(net.parameters(), lr=lr)
    loss = nn.CrossEntropyLoss()
    timer = Timer()
    for epoch in range(num_epochs):
        metric = Accumulator(3)
        net.train()
        for X, y in train_iter:
            timer.start()
            optimizer.zero_grad()
            y_hat = net(X)
            l = loss(y_hat, y)
            l.backward()
            optimizer.step()
            with torch.no_grad():
                metric.add(l * X.shape[0], accuracy(y_hat, y), X.shape[0])
            timer.stop()
        train_l = metric[0] / metric[2]
        train_acc = metric[1] / metric[2]
        test_acc = evaluate_accuracy_gpu(net, test_iter)
    print(f'loss {train_l:.3f}, train acc {train_acc:.3f}, test acc {test_acc:.3f}')
    return train_l, train_acc, test_acc

def load_data_fashion_mnist(batch_size, resize=None):
    raise RuntimeError("cnb cannot download data sets; build a small synthetic data set in the notebook instead")

reshape = lambda x, *args, **kwargs: x.reshape(*args, **kwargs)
argmax = lambda x, *args, **kwargs: x.argmax(*args, **kwargs)
astype = lambda x, *args, **kwargs: x.type(*args, **kwargs)
reduce_sum = lambda x, *args, **kwargs: x.sum(*args, **kwargs)
size = lambda x, *args, **kwargs: x.numel(*args, **kwargs)
ones = torch.ones
zeros = torch.zeros
tensor = torch.tensor
arange = torch.arange
matmul = torch.matmul
exp = torch.exp
"""#

private let d2lMXNetSource = #"""
from mxnet import nd, autograd
from mxnet.gluon import nn

def corr2d(X, K):
    """Two-dimensional cross-correlation of X with the kernel K."""
    kh, kw = K.shape
    out = nd.zeros((X.shape[0] - kh + 1, X.shape[1] - kw + 1))
    for r in range(out.shape[0]):
        for c in range(out.shape[1]):
            out[r, c] = (X[r:r + kh, c:c + kw] * K).sum()
    return out

def try_gpu(i=0):
    """The context to use: always the CPU in cnb."""
    import mxnet
    return mxnet.cpu()

def try_all_gpus():
    import mxnet
    return [mxnet.cpu()]
"""#

private let d2lCommonSource = #"""
import time

class Timer:
    """Records running times."""
    def __init__(self):
        self.times = []
        self.start()

    def start(self):
        self.tik = time.perf_counter()

    def stop(self):
        self.times.append(time.perf_counter() - self.tik)
        return self.times[-1]

    def avg(self):
        return sum(self.times) / len(self.times)

    def sum(self):
        return sum(self.times)

    def cumsum(self):
        out = []
        total = 0.0
        for t in self.times:
            total += t
            out.append(total)
        return out

class Accumulator:
    """Sums over n variables."""
    def __init__(self, n):
        self.data = [0.0] * n

    def add(self, *args):
        self.data = [a + float(b) for a, b in zip(self.data, args)]

    def reset(self):
        self.data = [0.0] * len(self.data)

    def __getitem__(self, idx):
        return self.data[idx]

def use_svg_display():
    pass

def set_figsize(figsize=(3.5, 2.5)):
    pass
"""#
