/// Stable cell ids: titles slugged to `[A-Za-z0-9_-]`, at most 64 characters, `-2`, `-3`
/// for repeats, `cell-<n>` (1-based position among all cells) for untitled cells.
public enum CellID {
    /// The most characters an id may have (nbformat's limit).
    public static let maxLength = 64

    /// The slug of a title: each run of other characters becomes one `-`, `-` is trimmed
    /// from both ends, and the result is cut to 64 characters. Empty when nothing is left.
    public static func slug(_ title: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in title.unicodeScalars {
            let v = scalar.value
            let ok = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F || v == 0x2D
            if ok && scalar != "-" {
                if pendingDash && !out.isEmpty { out += "-" }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return trimDashes(String(out.prefix(maxLength)))
    }

    private static func trimDashes(_ s: String) -> String {
        String(s.drop(while: { $0 == "-" }).reversed().drop(while: { $0 == "-" }).reversed())
    }

    /// Ids for cells with these titles, in order: unique, valid for nbformat.
    public static func assign(titles: [String?]) -> [String] {
        var used = Set<String>()
        var ids: [String] = []
        for (index, title) in titles.enumerated() {
            var base = title.map(slug) ?? ""
            if base.isEmpty { base = "cell-\(index + 1)" }
            ids.append(unique(base, used: &used))
        }
        return ids
    }

    /// `base`, or `base-2`, `base-3`, ... (cut to fit 64 characters) when taken; records it.
    public static func unique(_ base: String, used: inout Set<String>) -> String {
        var candidate = base
        var n = 1
        while used.contains(candidate) {
            n += 1
            let suffix = "-\(n)"
            candidate = trimDashes(String(base.prefix(maxLength - suffix.count))) + suffix
        }
        used.insert(candidate)
        return candidate
    }
}
