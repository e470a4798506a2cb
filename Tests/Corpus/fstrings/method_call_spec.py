class Loss:
    def __init__(self, v):
        self.v = v
    def sum(self):
        return self.v * 2
l = Loss(0.123456)
print(f'loss {l.sum():.3f}')  # expect: loss 0.247
