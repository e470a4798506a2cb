import Testing
@testable import Tensors

/// The direct loops for tiny float32 convolutions against the GEMM drivers they stand in for:
/// the same bits where the GEMM kernels fuse multiply-adds (AVX2, AVX-512), as the direct loops do.
struct Conv2dDirectTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let id: String
        let n: Int, c: Int, h: Int, w: Int, o: Int, kh: Int, kw: Int
        var stride = (1, 1), pad = (0, 0), bias = false
        var testDescription: String { id }

        var geometry: Conv2dGeometry {
            let outH = (h + 2 * pad.0 - kh) / stride.0 + 1
            let outW = (w + 2 * pad.1 - kw) / stride.1 + 1
            return Conv2dGeometry(batch: n, inChannels: c, height: h, width: w, outChannels: o, kernelH: kh,
                                  kernelW: kw, groups: 1, strideH: stride.0, strideW: stride.1,
                                  padTop: pad.0, padLeft: pad.1, dilationH: 1, dilationW: 1, outH: outH, outW: outW)
        }
    }

    static let cases: [Case] = [
        Case(id: "d2l 1x2 edge kernel", n: 1, c: 1, h: 6, w: 8, o: 1, kh: 1, kw: 2),
        Case(id: "batch, channels, bias", n: 2, c: 3, h: 5, w: 6, o: 2, kh: 2, kw: 3, bias: true),
        Case(id: "padding and stride", n: 1, c: 2, h: 7, w: 7, o: 3, kh: 3, kw: 3, stride: (2, 2), pad: (1, 1)),
        Case(id: "pointwise", n: 3, c: 4, h: 3, w: 3, o: 2, kh: 1, kw: 1, bias: true),
        Case(id: "deep (two k blocks)", n: 1, c: 30, h: 3, w: 3, o: 2, kh: 3, kw: 3),
        Case(id: "many output channels", n: 1, c: 1, h: 4, w: 4, o: 300, kh: 1, kw: 1),
        Case(id: "long rows (two pixel blocks)", n: 1, c: 1, h: 1, w: 600, o: 1, kh: 1, kw: 3),
        Case(id: "empty batch", n: 0, c: 2, h: 4, w: 4, o: 2, kh: 2, kw: 2),
    ]

    @Test(arguments: cases)
    func directMatchesGEMM(_ t: Case) {
        let geo = t.geometry
        #expect(Conv2dDirect.applies(geo), "the case must take the direct loops")
        let x = kernelTestValues(Swift.max(1, t.n * t.c * t.h * t.w), seed: 21)
        let wt = kernelTestValues(t.o * geo.colRows, seed: 22)
        let bias = kernelTestValues(t.o, seed: 23)
        let gy = kernelTestValues(Swift.max(1, t.n * t.o * geo.outPlane), seed: 24)
        func run(direct: Bool) -> [[Float]] {
            var y = [Float](repeating: .nan, count: t.n * t.o * geo.outPlane)
            var gx = [Float](repeating: .nan, count: t.n * t.c * t.h * t.w)
            var gw = [Float](repeating: .nan, count: wt.count)
            let b: UnsafePointer<Float>? = nil
            x.withUnsafeBufferPointer { xp in
                wt.withUnsafeBufferPointer { wp in
                    bias.withUnsafeBufferPointer { bp in
                        gy.withUnsafeBufferPointer { gp in
                            let bb = t.bias ? bp.baseAddress : b
                            y.withUnsafeMutableBufferPointer { yp in
                                gx.withUnsafeMutableBufferPointer { gxp in
                                    gw.withUnsafeMutableBufferPointer { gwp in
                                        let x = xp.baseAddress!, w = wp.baseAddress!, g = gp.baseAddress!
                                        if direct {
                                            Conv2dDirect.forward(geo, input: x, weight: w, bias: bb, out: yp.baseAddress!)
                                            Conv2dDirect.backwardInput(geo, gradOut: g, weight: w, gradIn: gxp.baseAddress!)
                                            Conv2dDirect.backwardWeight(geo, gradOut: g, input: x,
                                                                        gradWeight: gwp.baseAddress!)
                                        } else {
                                            Conv2dFast.forward(geo, input: x, weight: w, bias: bb, out: yp.baseAddress!)
                                            Conv2dFast.backwardInput(geo, gradOut: g, weight: w, gradIn: gxp.baseAddress!)
                                            Conv2dFast.backwardWeight(geo, gradOut: g, input: x,
                                                                      gradWeight: gwp.baseAddress!)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return [y, gx, gw]
        }
        let direct = run(direct: true)
        let gemm = run(direct: false)
        for (k, name) in ["forward", "input gradient", "weight gradient"].enumerated() {
            if FastGEMM.bestISA == .portable {
                #expect(kernelMaxError(direct[k], gemm[k]) < 1e-5, "\(name)")
            } else {
                #expect(direct[k].map(\.bitPattern) == gemm[k].map(\.bitPattern), "\(name)")
            }
        }
    }

    @Test func biggerConvolutionsTakeTheGEMM() {
        let lenet = Case(id: "", n: 32, c: 6, h: 14, w: 14, o: 16, kh: 5, kw: 5).geometry
        #expect(!Conv2dDirect.applies(lenet))
        let grouped = Conv2dGeometry(batch: 1, inChannels: 2, height: 4, width: 4, outChannels: 2, kernelH: 1,
                                     kernelW: 1, groups: 2, strideH: 1, strideW: 1, padTop: 0, padLeft: 0,
                                     dilationH: 1, dilationW: 1, outH: 4, outW: 4)
        #expect(!Conv2dDirect.applies(grouped))
    }
}
