import Testing
@testable import Tensors

/// The banded, multi-threaded float32 convolution drivers against the plain im2col drivers.
struct Conv2dFastTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let id: String
        let n: Int, c: Int, h: Int, w: Int, o: Int, kh: Int, kw: Int
        var stride = (1, 1), pad = (0, 0), dilation = (1, 1), groups = 1, bias = false
        var testDescription: String { id }

        var geometry: Conv2dGeometry {
            let outH = (h + 2 * pad.0 - dilation.0 * (kh - 1) - 1) / stride.0 + 1
            let outW = (w + 2 * pad.1 - dilation.1 * (kw - 1) - 1) / stride.1 + 1
            return Conv2dGeometry(batch: n, inChannels: c, height: h, width: w, outChannels: o, kernelH: kh,
                                  kernelW: kw, groups: groups, strideH: stride.0, strideW: stride.1,
                                  padTop: pad.0, padLeft: pad.1, dilationH: dilation.0, dilationW: dilation.1,
                                  outH: outH, outW: outW)
        }
    }

    static let cases: [Case] = [
        Case(id: "d2l 1x2 kernel", n: 1, c: 1, h: 6, w: 8, o: 1, kh: 1, kw: 2),
        Case(id: "pointwise", n: 2, c: 5, h: 7, w: 9, o: 3, kh: 1, kw: 1, bias: true),
        Case(id: "padded bias", n: 3, c: 2, h: 10, w: 11, o: 4, kh: 3, kw: 3, pad: (1, 1), bias: true),
        Case(id: "stride 2 pad 3 k7", n: 1, c: 3, h: 23, w: 19, o: 8, kh: 7, kw: 7, stride: (2, 2), pad: (3, 3)),
        Case(id: "dilation and rectangle", n: 2, c: 3, h: 12, w: 15, o: 5, kh: 2, kw: 3, stride: (1, 2),
             pad: (2, 0), dilation: (2, 3)),
        Case(id: "groups", n: 2, c: 4, h: 9, w: 9, o: 6, kh: 3, kw: 3, pad: (1, 1), groups: 2, bias: true),
        Case(id: "pointwise groups stride", n: 2, c: 4, h: 6, w: 6, o: 4, kh: 1, kw: 1, stride: (2, 2), groups: 2),
        Case(id: "empty batch", n: 0, c: 2, h: 5, w: 5, o: 3, kh: 3, kw: 3),
        // Big enough (> 2 MFLOP) for the multi-threaded plans: few samples (bands, channel split) and many.
        Case(id: "threaded one sample", n: 1, c: 3, h: 60, w: 60, o: 32, kh: 7, kw: 7, stride: (2, 2), pad: (3, 3),
             bias: true),
        Case(id: "threaded many samples", n: 9, c: 6, h: 14, w: 14, o: 16, kh: 5, kw: 5),
        Case(id: "threaded wide bands", n: 2, c: 16, h: 40, w: 40, o: 16, kh: 3, kw: 3, pad: (1, 1)),
        Case(id: "threaded single channel", n: 1, c: 1, h: 300, w: 300, o: 4, kh: 3, kw: 3),
    ]

    @Test(arguments: cases)
    func fastMatchesPlain(_ t: Case) throws {
        let geo = t.geometry
        let x = kernelTestValues(Swift.max(1, t.n * t.c * t.h * t.w), seed: 11)
        let wt = kernelTestValues(t.o * geo.colRows, seed: 12)
        let bias = kernelTestValues(t.o, seed: 13)
        let gy = kernelTestValues(Swift.max(1, t.n * t.o * geo.outPlane), seed: 14)
        let outCount = t.n * t.o * geo.outPlane
        let inCount = t.n * t.c * t.h * t.w
        // The plain drivers' im2col buffer (the float32 entry points keep their own).
        let col = geo.isPointwise ? nil : try Tensor(allocating: [geo.colRows, geo.outPlane], dtype: .float32)
        let colp = col?.pointer(Float.self)
        func run(fast: Bool) -> (y: [Float], gx: [Float], gw: [Float]) {
            var y = [Float](repeating: .nan, count: outCount)
            var gx = [Float](repeating: .nan, count: inCount)
            var gw = [Float](repeating: .nan, count: wt.count)
            x.withUnsafeBufferPointer { xp in
                wt.withUnsafeBufferPointer { wp in
                    bias.withUnsafeBufferPointer { bp in
                        gy.withUnsafeBufferPointer { gp in
                            y.withUnsafeMutableBufferPointer { yp in
                                gx.withUnsafeMutableBufferPointer { gxp in
                                    gw.withUnsafeMutableBufferPointer { gwp in
                                        let x = xp.baseAddress!, w = wp.baseAddress!, g = gp.baseAddress!
                                        let b = t.bias ? bp.baseAddress! : nil
                                        if fast {
                                            Conv2dFast.forward(geo, input: x, weight: w, bias: b, out: yp.baseAddress!)
                                            Conv2dFast.backwardInput(geo, gradOut: g, weight: w,
                                                                     gradIn: gxp.baseAddress!)
                                            Conv2dFast.backwardWeight(geo, gradOut: g, input: x,
                                                                      gradWeight: gwp.baseAddress!)
                                        } else {
                                            conv2dForwardPlain(geo, input: x, weight: w, bias: b, out: yp.baseAddress!,
                                                               col: colp)
                                            conv2dBackwardInputPlain(geo, gradOut: g, weight: w,
                                                                     gradIn: gxp.baseAddress!, col: colp)
                                            conv2dBackwardWeightPlain(geo, gradOut: g, input: x,
                                                                      gradWeight: gwp.baseAddress!, col: colp)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return (y, gx, gw)
        }
        let plain = run(fast: false)
        let fast = run(fast: true)
        // Sums run over at most a few thousand terms of magnitude < 1.
        #expect(kernelMaxError(fast.y, plain.y) < 1e-4, "forward")
        #expect(kernelMaxError(fast.gx, plain.gx) < 1e-4, "input gradient")
        #expect(kernelMaxError(fast.gw, plain.gw) < 1e-4, "weight gradient")
    }

    /// The plans the benchmark shapes get: every item covered once, and work split where it pays.
    @Test func plansCoverEveryRow() {
        for t in Self.cases {
            let geo = t.geometry
            let plan = Conv2dFast.Plan(geo, threads: 2)
            #expect(plan.bands * plan.rowsPerBand >= geo.outH, "\(t.id)")
            #expect(geo.outH == 0 || (plan.bands - 1) * plan.rowsPerBand < geo.outH, "\(t.id)")
            #expect(plan.items == geo.batch * plan.bands, "\(t.id)")
            #expect(plan.parts >= 1 && plan.parts <= 2, "\(t.id)")
        }
        let big = Case(id: "", n: 8, c: 64, h: 56, w: 56, o: 64, kh: 3, kw: 3, pad: (1, 1)).geometry
        #expect(Conv2dFast.Plan(big, threads: 2).parts == 2)
        #expect(Conv2dFast.Plan(big, threads: 1).parts == 1)
    }
}
