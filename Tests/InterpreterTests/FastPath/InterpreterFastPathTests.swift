import Testing
@testable import Interpreter

// The interpreter's fast paths (direct tensor-method bodies, argument binding with nothing given,
// one-element setitem, slices as views) checked against the general paths through the language.

@Suite("Interpreter fast paths")
struct InterpreterFastPathTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let id: String
        let code: String
        let stdout: String
        var testDescription: String { id }
    }

    static let setup = """
        import torch
        X = torch.arange(48, dtype=torch.float32).reshape(6, 8) / 7 - 3
        K = torch.tensor([[1.0, -1.0], [0.5, 2.0]])

        """

    static let cases: [Case] = [
        Case(id: "naive corr2d equals an unrolled general form", code: """
            def corr2d(X, K):
                h, w = K.shape
                Y = torch.zeros((X.shape[0] - h + 1, X.shape[1] - w + 1))
                for i in range(Y.shape[0]):
                    for j in range(Y.shape[1]):
                        Y[i, j] = (X[i:i + h, j:j + w] * K).sum()
                return Y
            def general(X, K):
                h, w = K.shape
                Y = torch.zeros((X.shape[0] - h + 1, X.shape[1] - w + 1))
                for i in range(Y.shape[0]):
                    for j in range(Y.shape[1]):
                        win = X.narrow(0, i, h).narrow(1, j, w).contiguous()
                        Y[i:i + 1, j:j + 1] = torch.mul(win, K).sum(dim=(0, 1), keepdim=True)
                return Y
            print(torch.equal(corr2d(X, K), general(X, K)), corr2d(X, K).shape)
            """, stdout: "True torch.Size([5, 7])\n"),
        Case(id: "sum() and sum(dim=...) agree", code: """
            w = X[1:4, 2:5]
            print(torch.equal(w.sum(), w.sum(dim=(0, 1))), w.sum().dim())
            """, stdout: "True 0\n"),
        Case(id: "method errors keep their messages", code: """
            try:
                X.sum(0, False, 1, 2)
            except TypeError as e:
                print(e)
            try:
                X.unsqueeze()
            except TypeError as e:
                print(e)
            """, stdout: "sum() takes 2 positional arguments but 4 were given\nunsqueeze() missing required argument 'dim' (pos 1)\n"),
        Case(id: "binary operator errors keep their messages", code: """
            try:
                X + "a"
            except TypeError as e:
                print(e)
            """, stdout: "unsupported operand type(s) for +: 'Tensor' and 'str'\n"),
        Case(id: "setitem of one element: numbers, 0-d tensors, casts", code: """
            Y = torch.zeros(2, 3, dtype=torch.int64)
            Y[0, 1] = 2.9
            Y[1, -1] = torch.tensor(-4.5)
            Y[-1, 0] = True
            print(Y.tolist())
            """, stdout: "[[0, 2, 0], [1, 0, -4]]\n"),
        Case(id: "setitem of one element records history when needed", code: """
            w = torch.tensor(2.0, requires_grad=True)
            Y = torch.zeros(2, 2)
            Y[1, 1] = w * 3
            Y.sum().backward()
            print(Y.grad_fn.name(), w.grad)
            """, stdout: "torch::autograd::CopySlices tensor(3.)\n"),
        Case(id: "slices are views and stay differentiable", code: """
            v = X[1:3, ::3]
            v[0, 0] = 100
            print(X[1, 0].item(), v.shape, v.stride())
            a = torch.ones(3, 4, requires_grad=True)
            (a[1:, 2:] * 2).sum().backward()
            print(a.grad.tolist())
            """, stdout: "100.0 torch.Size([2, 3]) (8, 3)\n[[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 2.0, 2.0], [0.0, 0.0, 2.0, 2.0]]\n"),
    ]

    @Test("fast and general paths agree", arguments: cases)
    func agree(_ c: Case) {
        let r = runCells([Self.setup + c.code])[0]
        #expect(r.error == nil)
        #expect(r.stdout == c.stdout)
    }
}
