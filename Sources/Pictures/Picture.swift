import Synchronization

/// A rendered picture: the PNG that goes into transcripts, the raster it encodes, and
/// (for plots) the figure it was drawn from, so terminal renderers can draw lines as
/// braille instead of resampling pixels.
public struct Picture: Sendable {
    public let figure: Figure?
    public let raster: Raster
    public let png: [UInt8]

    /// Rasterises and encodes a figure.
    public init(figure: Figure) {
        self.figure = figure
        raster = figure.rasterize()
        png = PNG.encode(raster)
    }

    /// Encodes a raster.
    public init(raster: Raster) {
        figure = nil
        self.raster = raster
        png = PNG.encode(raster)
    }

    public var width: Int { raster.width }
    public var height: Int { raster.height }
}

/// Recently shown pictures, looked up by their PNG bytes. The interpreter's display path
/// carries only PNG bytes (that is what transcripts store); the terminal renderer finds
/// the figure and raster here instead of decoding the PNG. Holds the last few pictures.
public final class PictureStore: Sendable {
    /// The process-wide store the interpreter records into.
    public static let shared = PictureStore(capacity: 32)

    private let entries: Mutex<[(UInt64, Picture)]>
    private let capacity: Int

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        entries = Mutex([])
    }

    /// Remembers a picture (evicting the oldest beyond capacity).
    public func remember(_ picture: Picture) {
        let key = PictureStore.hash(picture.png)
        entries.withLock { list in
            list.removeAll { $0.0 == key && $0.1.png == picture.png }
            list.append((key, picture))
            if list.count > capacity { list.removeFirst(list.count - capacity) }
        }
    }

    /// The picture whose PNG is exactly `png`, if still remembered.
    public func picture(forPNG png: [UInt8]) -> Picture? {
        let key = PictureStore.hash(png)
        return entries.withLock { list in list.last { $0.0 == key && $0.1.png == png }?.1 }
    }

    /// FNV-1a over the bytes.
    static func hash(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h
    }
}
