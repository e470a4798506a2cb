import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small PNG writer and reader over zlib. The writer is deterministic: the same raster
/// always gives the same bytes (fixed filter choice, fixed compression level, no
/// timestamps or other ancillary chunks).
public enum PNG {
    /// Errors reading a PNG.
    public enum DecodeError: Error, Equatable, Sendable {
        case notPNG
        case truncated
        case badCRC(chunk: String)
        case unsupported(String)
        case badData(String)
    }

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Encodes a raster: 8-bit RGB when every pixel is opaque, 8-bit RGBA otherwise.
    public static func encode(_ raster: Raster) -> [UInt8] {
        let opaque = stride(from: 3, to: raster.pixels.count, by: 4).allSatisfy { raster.pixels[$0] == 255 }
        let channels = opaque ? 3 : 4
        let w = raster.width, h = raster.height
        let rowBytes = w * channels
        // Raw scanlines without filters first.
        var raw = [UInt8](repeating: 0, count: rowBytes * h)
        raster.pixels.withUnsafeBufferPointer { src in
            raw.withUnsafeMutableBufferPointer { dst in
                var o = 0
                for i in 0..<(w * h) {
                    for c in 0..<channels { dst[o + c] = src[i * 4 + c] }
                    o += channels
                }
            }
        }
        let filtered = filterRows(raw, rowBytes: rowBytes, rows: h, bpp: channels)
        var out = signature
        var ihdr: [UInt8] = []
        ihdr.appendBE32(UInt32(w))
        ihdr.appendBE32(UInt32(h))
        ihdr += [8, opaque ? 2 : 6, 0, 0, 0]
        appendChunk(&out, "IHDR", ihdr)
        appendChunk(&out, "IDAT", deflate(filtered))
        appendChunk(&out, "IEND", [])
        return out
    }

    /// Per-row filter choice by the usual heuristic (smallest sum of absolute values).
    static func filterRows(_ raw: [UInt8], rowBytes: Int, rows: Int, bpp: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: (rowBytes + 1) * rows)
        let zero = [UInt8](repeating: 0, count: rowBytes)
        raw.withUnsafeBufferPointer { p in
            zero.withUnsafeBufferPointer { z in
                out.withUnsafeMutableBufferPointer { o in
                    for y in 0..<rows {
                        let cur = UnsafeBufferPointer(rebasing: p[(y * rowBytes)..<((y + 1) * rowBytes)])
                        let up = y > 0 ? UnsafeBufferPointer(rebasing: p[((y - 1) * rowBytes)..<(y * rowBytes)]) : z
                        let dst = o.baseAddress! + y * (rowBytes + 1)
                        // A row equal to the one above filters to zeros with Up: no scoring needed
                        // (common in plots' margins). Same choice the scores would make.
                        if y > 0, memcmp(cur.baseAddress!, up.baseAddress!, rowBytes) == 0 {
                            dst[0] = 2
                            continue
                        }
                        // Scores of all five filters in one pass (sum of absolute signed bytes).
                        var s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0
                        for i in 0..<rowBytes {
                            let x = Int(cur[i]), b = Int(up[i])
                            let a = i >= bpp ? Int(cur[i - bpp]) : 0
                            let c = i >= bpp ? Int(up[i - bpp]) : 0
                            let p = a + b - c
                            let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                            let pred = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                            s0 &+= x < 128 ? x : 256 - x
                            let v1 = (x - a) & 255, v2 = (x - b) & 255, v3 = (x - (a + b) / 2) & 255, v4 = (x - pred) & 255
                            s1 &+= v1 < 128 ? v1 : 256 - v1
                            s2 &+= v2 < 128 ? v2 : 256 - v2
                            s3 &+= v3 < 128 ? v3 : 256 - v3
                            s4 &+= v4 < 128 ? v4 : 256 - v4
                        }
                        var bestType: UInt8 = 0
                        var bestScore = s0
                        for (t, sc) in [(UInt8(1), s1), (2, s2), (3, s3), (4, s4)] where sc < bestScore {
                            bestScore = sc
                            bestType = t
                        }
                        dst[0] = bestType
                        for i in 0..<rowBytes { dst[1 + i] = filtered(bestType, cur, up, i, bpp) }
                    }
                }
            }
        }
        return out
    }

    @inline(__always) private static func filtered(_ type: UInt8, _ cur: UnsafeBufferPointer<UInt8>, _ up: UnsafeBufferPointer<UInt8>,
                                                   _ i: Int, _ bpp: Int) -> UInt8 {
        let x = cur[i]
        let a: UInt8 = i >= bpp ? cur[i - bpp] : 0
        switch type {
        case 0: return x
        case 1: return x &- a
        case 2: return x &- up[i]
        case 3: return x &- UInt8((Int(a) + Int(up[i])) / 2)
        default: return x &- paeth(a, up[i], i >= bpp ? up[i - bpp] : 0)
        }
    }

    @inline(__always) static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }

    static func deflate(_ data: [UInt8]) -> [UInt8] {
        var destLen = compressBound(uLong(data.count))
        var out = [UInt8](repeating: 0, count: Int(destLen))
        let status = data.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                compress2(dst.baseAddress, &destLen, src.baseAddress, uLong(src.count), 9)
            }
        }
        precondition(status == Z_OK, "zlib compress2 failed with buffer from compressBound")
        out.removeSubrange(Int(destLen)...)
        return out
    }

    static func crc(_ type: [UInt8], _ data: [UInt8]) -> UInt32 {
        var c = crc32(0, nil, 0)
        c = type.withUnsafeBufferPointer { crc32(c, $0.baseAddress, uInt($0.count)) }
        c = data.withUnsafeBufferPointer { crc32(c, $0.baseAddress, uInt($0.count)) }
        return UInt32(truncatingIfNeeded: c)
    }

    static func appendChunk(_ out: inout [UInt8], _ type: String, _ data: [UInt8]) {
        let t = Array(type.utf8)
        out.appendBE32(UInt32(data.count))
        out += t
        out += data
        out.appendBE32(crc(t, data))
    }

    /// The width and height from a PNG's IHDR, without decoding it.
    public static func size(of png: [UInt8]) -> (width: Int, height: Int)? {
        guard png.count >= 24, Array(png[0..<8]) == signature, Array(png[12..<16]) == Array("IHDR".utf8) else { return nil }
        return (Int(png.readBE32(16)), Int(png.readBE32(20)))
    }

    /// Decodes an 8-bit, non-interlaced greyscale, RGB, grey+alpha or RGBA PNG (what
    /// this writer and most tools produce), checking every chunk's CRC.
    public static func decode(_ png: [UInt8]) throws(DecodeError) -> Raster {
        guard png.count >= 8, Array(png[0..<8]) == signature else { throw .notPNG }
        var pos = 8
        var width = 0, height = 0, colorType: UInt8 = 0
        var idat: [UInt8] = []
        var sawHeader = false
        while true {
            guard pos + 8 <= png.count else { throw .truncated }
            let len = Int(png.readBE32(pos))
            let type = Array(png[(pos + 4)..<(pos + 8)])
            guard len >= 0, pos + 12 + len <= png.count else { throw .truncated }
            let data = Array(png[(pos + 8)..<(pos + 8 + len)])
            let name = String(decoding: type, as: UTF8.self)
            guard png.readBE32(pos + 8 + len) == crc(type, data) else { throw .badCRC(chunk: name) }
            pos += 12 + len
            switch name {
            case "IHDR":
                guard len == 13 else { throw .badData("IHDR length \(len)") }
                width = Int(data.readBE32(0))
                height = Int(data.readBE32(4))
                guard data[8] == 8 else { throw .unsupported("bit depth \(data[8])") }
                colorType = data[9]
                guard data[12] == 0 else { throw .unsupported("interlacing") }
                guard width > 0, height > 0, width <= 1 << 14, height <= 1 << 14 else { throw .badData("size \(width)x\(height)") }
                sawHeader = true
            case "IDAT": idat += data
            case "IEND":
                guard sawHeader else { throw .badData("no IHDR") }
                return try finish(width, height, colorType, idat)
            case "PLTE": throw .unsupported("palette images")
            default: continue
            }
        }
    }

    private static func finish(_ w: Int, _ h: Int, _ colorType: UInt8, _ idat: [UInt8]) throws(DecodeError) -> Raster {
        let bpp: Int
        switch colorType {
        case 0: bpp = 1
        case 2: bpp = 3
        case 4: bpp = 2
        case 6: bpp = 4
        default: throw .unsupported("colour type \(colorType)")
        }
        let rowBytes = w * bpp
        var inflated = [UInt8](repeating: 0, count: (rowBytes + 1) * h)
        var destLen = uLong(inflated.count)
        let status = idat.withUnsafeBufferPointer { src in
            inflated.withUnsafeMutableBufferPointer { dst in
                uncompress(dst.baseAddress, &destLen, src.baseAddress, uLong(src.count))
            }
        }
        guard status == Z_OK, Int(destLen) == inflated.count else { throw .badData("zlib stream (status \(status))") }
        var raw = [UInt8](repeating: 0, count: rowBytes * h)
        for y in 0..<h {
            let type = inflated[y * (rowBytes + 1)]
            let src = y * (rowBytes + 1) + 1
            for i in 0..<rowBytes {
                let x = inflated[src + i]
                let a: UInt8 = i >= bpp ? raw[y * rowBytes + i - bpp] : 0
                let b: UInt8 = y > 0 ? raw[(y - 1) * rowBytes + i] : 0
                let c: UInt8 = (y > 0 && i >= bpp) ? raw[(y - 1) * rowBytes + i - bpp] : 0
                let v: UInt8
                switch type {
                case 0: v = x
                case 1: v = x &+ a
                case 2: v = x &+ b
                case 3: v = x &+ UInt8((Int(a) + Int(b)) / 2)
                case 4: v = x &+ paeth(a, b, c)
                default: throw .badData("filter type \(type)")
                }
                raw[y * rowBytes + i] = v
            }
        }
        var px = [UInt8](repeating: 255, count: w * h * 4)
        for i in 0..<(w * h) {
            let s = i * bpp, d = i * 4
            switch colorType {
            case 0: px[d] = raw[s]; px[d + 1] = raw[s]; px[d + 2] = raw[s]
            case 4: px[d] = raw[s]; px[d + 1] = raw[s]; px[d + 2] = raw[s]; px[d + 3] = raw[s + 1]
            case 2: px[d] = raw[s]; px[d + 1] = raw[s + 1]; px[d + 2] = raw[s + 2]
            default: px[d] = raw[s]; px[d + 1] = raw[s + 1]; px[d + 2] = raw[s + 2]; px[d + 3] = raw[s + 3]
            }
        }
        guard let r = Raster(width: w, height: h, rgba: px) else { throw .badData("size") }
        return r
    }
}

extension [UInt8] {
    mutating func appendBE32(_ v: UInt32) {
        append(UInt8(v >> 24))
        append(UInt8(v >> 16 & 0xff))
        append(UInt8(v >> 8 & 0xff))
        append(UInt8(v & 0xff))
    }
    func readBE32(_ i: Int) -> UInt32 {
        UInt32(self[i]) << 24 | UInt32(self[i + 1]) << 16 | UInt32(self[i + 2]) << 8 | UInt32(self[i + 3])
    }
}
