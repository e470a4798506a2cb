import Foundation

/// Method tables of builtin types, built once. Each method receives its receiver as the
/// first positional argument.
private func table(_ type: String, _ entries: [(String, (Interpreter, Value, Arguments) throws -> Value)]) -> [String: PyBuiltinFunction] {
    var out: [String: PyBuiltinFunction] = [:]
    for (name, body) in entries {
        out[name] = PyBuiltinFunction(name, qualified: "\(type).\(name)") { i, a in
            guard let recv = a.positional.first else { throw i.typeError("descriptor '\(name)' of '\(type)' object needs an argument") }
            return try body(i, recv, Arguments(Array(a.positional.dropFirst()), a.keywords))
        }
    }
    return out
}

private func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }

nonisolated(unsafe) let stringMethods: [String: PyBuiltinFunction] = table("str", [
    ("join", { i, r, a in
        let sep = try i.toStr(r)
        let items = try i.iterateAll(try i.bind("join", a, ["iterable"])[0]!)
        var parts: [String] = []
        for (n, x) in items.enumerated() {
            guard case .str(let s) = x else {
                throw i.typeError("sequence item \(n): expected str instance, \(i.typeName(x)) found")
            }
            parts.append(s)
        }
        return .str(parts.joined(separator: sep))
    }),
    ("split", { i, r, a in
        let s = try i.toStr(r)
        let b = try i.bind("split", a, ["sep?", "maxsplit?"])
        let maxsplit = try b.given("maxsplit").map { try i.toInt($0) } ?? -1
        if let sepV = b.given("sep") {
            let sep = try i.toStr(sepV)
            if sep.isEmpty { throw i.valueError("empty separator") }
            var parts: [String] = []
            var rest = Substring(s)
            while maxsplit < 0 || parts.count < maxsplit, let range = rest.range(of: sep) {
                parts.append(String(rest[..<range.lowerBound]))
                rest = rest[range.upperBound...]
            }
            parts.append(String(rest))
            return .object(PyList(parts.map { .str($0) }))
        }
        var parts: [String] = []
        var cur = ""
        var inWord = false
        var splits = 0
        var iter = s.unicodeScalars.makeIterator()
        while let u = iter.next() {
            if u.properties.isWhitespace && (!inWord || maxsplit < 0 || splits < maxsplit) {
                if inWord {
                    parts.append(cur)
                    cur = ""
                    inWord = false
                    splits += 1
                }
            } else {
                if !inWord && maxsplit >= 0 && splits >= maxsplit {
                    var tail = String(u)
                    while let v = iter.next() { tail.unicodeScalars.append(v) }
                    cur += tail  // the remainder keeps its trailing whitespace
                    inWord = true
                    break
                }
                cur.unicodeScalars.append(u)
                inWord = true
            }
        }
        if inWord { parts.append(cur) }
        return .object(PyList(parts.map { .str($0) }))
    }),
    ("rsplit", { i, r, a in
        // Splits from the right; only differs from split when maxsplit is given.
        let s = try i.toStr(r)
        let b = try i.bind("rsplit", a, ["sep?", "maxsplit?"])
        let maxsplit = try b.given("maxsplit").map { try i.toInt($0) } ?? -1
        let words: [[Unicode.Scalar]]
        var u = Array(s.unicodeScalars)
        var parts: [[Unicode.Scalar]] = []
        if let sepV = b.given("sep") {
            let sep = Array(try i.toStr(sepV).unicodeScalars)
            if sep.isEmpty { throw i.valueError("empty separator") }
            var end = u.count
            var k = u.count - sep.count
            while k >= 0 && (maxsplit < 0 || parts.count < maxsplit) {
                if u[k..<(k + sep.count)].elementsEqual(sep) {
                    parts.append(Array(u[(k + sep.count)..<end]))
                    end = k
                    k -= sep.count
                } else {
                    k -= 1
                }
            }
            parts.append(Array(u[0..<end]))
            words = parts.reversed()
        } else {
            while let l = u.last, l.properties.isWhitespace { u.removeLast() }
            while !u.isEmpty {
                if maxsplit >= 0 && parts.count >= maxsplit {
                    parts.append(u)
                    break
                }
                var k = u.count
                while k > 0 && !u[k - 1].properties.isWhitespace { k -= 1 }
                parts.append(Array(u[k...]))
                u.removeSubrange(k...)
                while let l = u.last, l.properties.isWhitespace { u.removeLast() }
            }
            words = parts.reversed()
        }
        return .object(PyList(words.map { w in
            var v = String.UnicodeScalarView()
            v.append(contentsOf: w)
            return .str(String(v))
        }))
    }),
    ("splitlines", { i, r, _ in
        .object(PyList(try i.toStr(r).split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
            .map { .str(String($0)) }.dropLastIfEmpty()))
    }),
    ("strip", { i, r, a in .str(try stripped(i, r, a, left: true, right: true)) }),
    ("lstrip", { i, r, a in .str(try stripped(i, r, a, left: true, right: false)) }),
    ("rstrip", { i, r, a in .str(try stripped(i, r, a, left: false, right: true)) }),
    ("replace", { i, r, a in
        let b = try i.bind("replace", a, ["old", "new", "count?"])
        // Matches code points left to right, as Python does (an empty `old` matches
        // between every two characters and at both ends).
        let s = scalars(try i.toStr(r)), old = scalars(try i.toStr(b[0]!)), new = scalars(try i.toStr(b[1]!))
        var limit = Int.max
        if let c = try b.given("count").map({ try i.toInt($0) }), c >= 0 { limit = c }
        var out = String.UnicodeScalarView()
        var n = 0
        if old.isEmpty {
            for u in s {
                if n < limit { out.append(contentsOf: new); n += 1 }
                out.append(u)
            }
            if n < limit { out.append(contentsOf: new) }
        } else {
            var k = 0
            while k < s.count {
                if n < limit, k + old.count <= s.count, s[k..<(k + old.count)].elementsEqual(old) {
                    out.append(contentsOf: new)
                    k += old.count
                    n += 1
                } else {
                    out.append(s[k])
                    k += 1
                }
            }
        }
        return .str(String(out))
    }),
    ("startswith", { i, r, a in
        let s = try i.toStr(r)
        let p = try i.bind("startswith", a, ["prefix"])[0]!
        if case .object(let t as PyTuple) = p { return .bool(try t.items.contains { s.hasPrefix(try i.toStr($0)) }) }
        return .bool(s.hasPrefix(try i.toStr(p)))
    }),
    ("endswith", { i, r, a in
        let s = try i.toStr(r)
        let p = try i.bind("endswith", a, ["suffix"])[0]!
        if case .object(let t as PyTuple) = p { return .bool(try t.items.contains { s.hasSuffix(try i.toStr($0)) }) }
        return .bool(s.hasSuffix(try i.toStr(p)))
    }),
    ("upper", { i, r, _ in .str(try i.toStr(r).uppercased()) }),
    ("lower", { i, r, _ in .str(try i.toStr(r).lowercased()) }),
    ("title", { i, r, _ in
        // Python's rule: a cased character after a cased one is lowered, any other is titled
        // (so "they're" becomes "They'Re").
        var out = ""
        var previousCased = false
        for u in try i.toStr(r).unicodeScalars {
            out += previousCased ? u.properties.lowercaseMapping : u.properties.titlecaseMapping
            previousCased = u.properties.isCased
        }
        return .str(out)
    }),
    ("capitalize", { i, r, _ in
        let s = try i.toStr(r)
        return .str(s.prefix(1).uppercased() + s.dropFirst().lowercased())
    }),
    ("find", { i, r, a in .int(try searchString(i, r, a, "find", last: false) ?? -1) }),
    ("rfind", { i, r, a in .int(try searchString(i, r, a, "rfind", last: true) ?? -1) }),
    ("index", { i, r, a in
        guard let p = try searchString(i, r, a, "index", last: false) else { throw i.valueError("substring not found") }
        return .int(p)
    }),
    ("rindex", { i, r, a in
        guard let p = try searchString(i, r, a, "rindex", last: true) else { throw i.valueError("substring not found") }
        return .int(p)
    }),
    ("count", { i, r, a in
        let s = try i.toStr(r), sub = try i.toStr(try i.bind("count", a, ["sub"])[0]!)
        if sub.isEmpty { return .int(s.unicodeScalars.count + 1) }
        return .int(s.components(separatedBy: sub).count - 1)
    }),
    ("center", { i, r, a in try padded(i, r, a, "center") }),
    ("ljust", { i, r, a in try padded(i, r, a, "ljust") }),
    ("rjust", { i, r, a in try padded(i, r, a, "rjust") }),
    ("zfill", { i, r, a in
        let s = try i.toStr(r)
        let w = try i.toInt(try i.bind("zfill", a, ["width"])[0]!)
        let n = s.unicodeScalars.count
        if n >= w { return .str(s) }
        try i.checkAllocation(w - n, bytesEach: 1)
        if s.hasPrefix("-") || s.hasPrefix("+") {
            return .str(String(s.prefix(1)) + String(repeating: "0", count: w - n) + s.dropFirst())
        }
        return .str(String(repeating: "0", count: w - n) + s)
    }),
    ("isdigit", { i, r, _ in let s = try i.toStr(r); return .bool(!s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.numericType != nil }) }),
    ("isnumeric", { i, r, _ in let s = try i.toStr(r); return .bool(!s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.numericType != nil }) }),
    ("isalpha", { i, r, _ in let s = try i.toStr(r); return .bool(!s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic }) }),
    ("isalnum", { i, r, _ in let s = try i.toStr(r); return .bool(!s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil }) }),
    ("isspace", { i, r, _ in let s = try i.toStr(r); return .bool(!s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.isWhitespace }) }),
    ("isupper", { i, r, _ in let s = try i.toStr(r); return .bool(s.contains { $0.isUppercase } && !s.contains { $0.isLowercase }) }),
    ("islower", { i, r, _ in let s = try i.toStr(r); return .bool(s.contains { $0.isLowercase } && !s.contains { $0.isUppercase }) }),
    ("partition", { i, r, a in
        let s = try i.toStr(r), sep = try i.toStr(try i.bind("partition", a, ["sep"])[0]!)
        guard let rg = s.range(of: sep) else { return .object(PyTuple([.str(s), .str(""), .str("")])) }
        return .object(PyTuple([.str(String(s[..<rg.lowerBound])), .str(sep), .str(String(s[rg.upperBound...]))]))
    }),
    ("format", { i, r, a in .str(try i.strFormat(try i.toStr(r), a)) }),
    ("encode", { i, r, _ in .object(PyBytes(Array(try i.toStr(r).utf8))) }),
    ("swapcase", { i, r, _ in .str(String(try i.toStr(r).map { $0.isUppercase ? Character($0.lowercased()) : Character($0.uppercased()) })) }),
])

/// `str.find`/`rfind`/`index`/`rindex`: the first (or last) position of `sub` within
/// `s[start:end]` (Python's clamped slice bounds), or nil.
private func searchString(_ i: Interpreter, _ r: Value, _ a: Arguments, _ name: String, last: Bool) throws -> Int? {
    let s = scalars(try i.toStr(r))
    let b = try i.bind(name, a, ["sub", "start?", "end?"])
    let sub = scalars(try i.toStr(b[0]!))
    let n = s.count
    func clamp(_ v: Int) -> Int { v < 0 ? max(0, v + n) : min(v, n) }
    if let s0 = try b.given("start").map({ try i.toInt($0) }), s0 > n { return nil }
    let start = try b.given("start").map { clamp(try i.toInt($0)) } ?? 0
    let end = try b.given("end").map { clamp(try i.toInt($0)) } ?? n
    guard end - start >= sub.count else { return nil }
    let positions = stride(from: start, through: end - sub.count, by: 1)
    let matches = { (p: Int) in s[p..<(p + sub.count)].elementsEqual(sub) }
    if last { return positions.reversed().first(where: matches) }
    return positions.first(where: matches)
}

private func stripped(_ i: Interpreter, _ r: Value, _ a: Arguments, left: Bool, right: Bool) throws -> String {
    let s = try i.toStr(r)
    let chars = try i.bind("strip", a, ["chars?"]).given("chars").map { Set(try i.toStr($0).unicodeScalars) }
    var u = Array(s.unicodeScalars)
    func drop(_ c: Unicode.Scalar) -> Bool { chars.map { $0.contains(c) } ?? c.properties.isWhitespace }
    if left { while let f = u.first, drop(f) { u.removeFirst() } }
    if right { while let l = u.last, drop(l) { u.removeLast() } }
    var out = String.UnicodeScalarView()
    out.append(contentsOf: u)
    return String(out)
}

private func padded(_ i: Interpreter, _ r: Value, _ a: Arguments, _ kind: String) throws -> Value {
    let s = try i.toStr(r)
    let b = try i.bind(kind, a, ["width", "fillchar?"])
    let w = try i.toInt(b[0]!)
    let fill = try b.given("fillchar").map { try i.toStr($0) } ?? " "
    let n = s.unicodeScalars.count
    if n >= w { return .str(s) }
    let total = w - n
    try i.checkAllocation(total, bytesEach: fill.utf8.count)
    switch kind {
    case "ljust": return .str(s + String(repeating: fill, count: total))
    case "rjust": return .str(String(repeating: fill, count: total) + s)
    default:
        let left = total / 2 + (total & w & 1)
        return .str(String(repeating: fill, count: left) + s + String(repeating: fill, count: total - left))
    }
}

extension Array where Element == Value {
    func dropLastIfEmpty() -> [Value] {
        if case .str(let s)? = last, s.isEmpty { return Array(dropLast()) }
        return self
    }
}

nonisolated(unsafe) let listMethods: [String: PyBuiltinFunction] = table("list", [
    ("append", { i, r, a in
        guard case .object(let l as PyList) = r else { return .none }
        l.items.append(try i.bind("append", a, ["object"])[0]!)
        return .none
    }),
    ("extend", { i, r, a in
        guard case .object(let l as PyList) = r else { return .none }
        l.items.append(contentsOf: try i.iterateAll(try i.bind("extend", a, ["iterable"])[0]!))
        return .none
    }),
    ("insert", { i, r, a in
        guard case .object(let l as PyList) = r else { return .none }
        let b = try i.bind("insert", a, ["index", "object"])
        var idx = try i.toInt(b[0]!)
        if idx < 0 { idx = max(0, idx + l.items.count) }
        l.items.insert(b[1]!, at: min(idx, l.items.count))
        return .none
    }),
    ("pop", { i, r, a in
        guard case .object(let l as PyList) = r else { return .none }
        if l.items.isEmpty { throw i.indexError("pop from empty list") }
        let idx = try i.bind("pop", a, ["index?"]).given("index").map { try i.toInt($0) } ?? -1
        return l.items.remove(at: try i.normalizeIndex(idx, count: l.items.count, what: "pop"))
    }),
    ("remove", { i, r, a in
        guard case .object(let l as PyList) = r else { return .none }
        let x = try i.bind("remove", a, ["value"])[0]!
        for (n, v) in l.items.enumerated() where try i.truthy(try i.richEquals(v, x)) {
            l.items.remove(at: n)
            return .none
        }
        throw i.valueError("list.remove(x): x not in list")
    }),
    ("index", { i, r, a in
        guard case .object(let l as PyList) = r else { return .none }
        let b = try i.bind("index", a, ["value", "start?", "stop?"])
        let x = b[0]!
        let count = l.items.count
        func clamp(_ v: Int) -> Int { v < 0 ? max(0, v + count) : min(v, count) }
        let start = try b.given("start").map { clamp(try i.toInt($0)) } ?? 0
        let stop = try b.given("stop").map { clamp(try i.toInt($0)) } ?? count
        var n = start
        while n < min(stop, l.items.count) {
            if try i.truthy(try i.richEquals(l.items[n], x)) { return .int(n) }
            n += 1
        }
        throw i.valueError("\(try i.repr(x)) is not in list")
    }),
    ("count", { i, r, a in
        guard case .object(let l as PyList) = r else { return .none }
        let x = try i.bind("count", a, ["value"])[0]!
        return .int(try l.items.filter { try i.truthy(try i.richEquals($0, x)) }.count)
    }),
    ("sort", { i, r, a in
        guard case .object(let l as PyList) = r else { return .none }
        let b = try i.bind("sort", a, ["*", "key?", "reverse?"])
        var items = l.items
        try i.sortValues(&items, key: b.given("key"), reverse: try b.given("reverse").map { try i.truthy($0) } ?? false)
        l.items = items
        return .none
    }),
    ("reverse", { _, r, _ in
        if case .object(let l as PyList) = r { l.items.reverse() }
        return .none
    }),
    ("clear", { _, r, _ in
        if case .object(let l as PyList) = r { l.items.removeAll() }
        return .none
    }),
    ("copy", { _, r, _ in
        guard case .object(let l as PyList) = r else { return .none }
        return .object(PyList(l.items))
    }),
])

nonisolated(unsafe) let tupleMethods: [String: PyBuiltinFunction] = table("tuple", [
    ("index", { i, r, a in
        guard case .object(let t as PyTuple) = r else { return .none }
        let x = try i.bind("index", a, ["value"])[0]!
        for (n, v) in t.items.enumerated() where try i.truthy(try i.richEquals(v, x)) { return .int(n) }
        throw i.valueError("tuple.index(x): x not in tuple")
    }),
    ("count", { i, r, a in
        guard case .object(let t as PyTuple) = r else { return .none }
        let x = try i.bind("count", a, ["value"])[0]!
        return .int(try t.items.filter { try i.truthy(try i.richEquals($0, x)) }.count)
    }),
    ("numel", { i, r, _ in
        guard case .object(let t as PyTuple) = r else { return .none }
        return .int(try t.items.reduce(1) { $0 * (try i.toInt($1)) })
    }),
])

nonisolated(unsafe) let dictMethods: [String: PyBuiltinFunction] = table("dict", [
    ("keys", { _, r, _ in
        guard case .object(let d as PyDict) = r else { return .none }
        return .object(PyDictView(d, .keys))
    }),
    ("values", { _, r, _ in
        guard case .object(let d as PyDict) = r else { return .none }
        return .object(PyDictView(d, .values))
    }),
    ("items", { _, r, _ in
        guard case .object(let d as PyDict) = r else { return .none }
        return .object(PyDictView(d, .items))
    }),
    ("get", { i, r, a in
        guard case .object(let d as PyDict) = r else { return .none }
        let b = try i.bind("get", a, ["key", "default?"])
        return try d.get(b[0]!, i) ?? (b["default"] ?? .none)
    }),
    ("pop", { i, r, a in
        guard case .object(let d as PyDict) = r else { return .none }
        let b = try i.bind("pop", a, ["key", "default?"])
        if let v = try d.remove(b[0]!, i) { return v }
        if let dv = b["default"] { return dv }
        throw i.keyError(b[0]!)
    }),
    ("setdefault", { i, r, a in
        guard case .object(let d as PyDict) = r else { return .none }
        let b = try i.bind("setdefault", a, ["key", "default?"])
        if let v = try d.get(b[0]!, i) { return v }
        let dv = b["default"] ?? .none
        try d.set(b[0]!, dv, i)
        return dv
    }),
    ("update", { i, r, a in
        guard case .object(let d as PyDict) = r else { return .none }
        let b = try i.bind("update", a, ["other?"], varkw: true)
        if let o = b[0] {
            if case .object(let src as PyDict) = o {
                for (k, v) in src.pairs { try d.set(k, v, i) }
            } else {
                for item in try i.iterateAll(o) {
                    let kv = try i.iterateAll(item)
                    guard kv.count == 2 else { throw i.valueError("dictionary update sequence element has length \(kv.count); 2 is required") }
                    try d.set(kv[0], kv[1], i)
                }
            }
        }
        for (k, v) in b.extraKeywords { try d.set(.str(k), v, i) }
        return .none
    }),
    ("clear", { _, r, _ in
        if case .object(let d as PyDict) = r { d.removeAll() }
        return .none
    }),
    ("copy", { i, r, _ in
        guard case .object(let d as PyDict) = r else { return .none }
        let n = PyDict()
        for (k, v) in d.pairs { try n.set(k, v, i) }
        return .object(n)
    }),
    ("popitem", { i, r, _ in
        guard case .object(let d as PyDict) = r, let last = d.pairs.last else { throw i.keyError(.str("popitem(): dictionary is empty")) }
        try d.remove(last.0, i)
        return .object(PyTuple([last.0, last.1]))
    }),
])

nonisolated(unsafe) let setMethods: [String: PyBuiltinFunction] = table("set", [
    ("add", { i, r, a in
        guard case .object(let s as PySet) = r else { return .none }
        try s.insert(try i.bind("add", a, ["elem"])[0]!, i)
        return .none
    }),
    ("remove", { i, r, a in
        guard case .object(let s as PySet) = r else { return .none }
        let x = try i.bind("remove", a, ["elem"])[0]!
        if try !s.remove(x, i) { throw i.keyError(x) }
        return .none
    }),
    ("discard", { i, r, a in
        guard case .object(let s as PySet) = r else { return .none }
        try s.remove(try i.bind("discard", a, ["elem"])[0]!, i)
        return .none
    }),
    ("update", { i, r, a in
        guard case .object(let s as PySet) = r else { return .none }
        for o in a.positional { for x in try i.iterateAll(o) { try s.insert(x, i) } }
        return .none
    }),
    ("union", { i, r, a in
        var acc = r
        for o in a.positional { acc = try i.binary(.bitOr, acc, try i.call(i.builtins["set"]!, [o], [])) }
        return acc
    }),
    ("intersection", { i, r, a in
        var acc = r
        for o in a.positional { acc = try i.binary(.bitAnd, acc, try i.call(i.builtins["set"]!, [o], [])) }
        return acc
    }),
    ("difference", { i, r, a in
        var acc = r
        for o in a.positional { acc = try i.binary(.sub, acc, try i.call(i.builtins["set"]!, [o], [])) }
        return acc
    }),
    ("issubset", { i, r, a in
        guard case .object(let s as PySet) = r else { return .none }
        let other = try i.iterateAll(try i.bind("issubset", a, ["other"])[0]!)
        let o = PySet()
        for x in other { try o.insert(x, i) }
        return .bool(try s.elements.allSatisfy { try o.contains($0, i) })
    }),
    ("issuperset", { i, r, a in
        guard case .object(let s as PySet) = r else { return .none }
        let other = try i.iterateAll(try i.bind("issuperset", a, ["other"])[0]!)
        return .bool(try other.allSatisfy { try s.contains($0, i) })
    }),
    ("isdisjoint", { i, r, a in
        guard case .object(let s as PySet) = r else { return .none }
        let other = try i.iterateAll(try i.bind("isdisjoint", a, ["other"])[0]!)
        return .bool(try !other.contains { try s.contains($0, i) })
    }),
    ("symmetric_difference", { i, r, a in
        let other = try i.bind("symmetric_difference", a, ["other"])[0]!
        return try i.binary(.bitXor, r, try i.call(i.builtins["set"]!, [other], []))
    }),
    ("pop", { i, r, _ in
        guard case .object(let s as PySet) = r, let first = s.elements.first else { throw i.keyError(.str("pop from an empty set")) }
        try s.remove(first, i)
        return first
    }),
    ("copy", { i, r, _ in
        guard case .object(let s as PySet) = r else { return .none }
        let n = PySet()
        for x in s.elements { try n.insert(x, i) }
        return .object(n)
    }),
    ("clear", { i, r, _ in
        guard case .object(let s as PySet) = r else { return .none }
        for x in s.elements { try s.remove(x, i) }
        return .none
    }),
])

nonisolated(unsafe) let intMethods: [String: PyBuiltinFunction] = table("int", [
    ("bit_length", { i, r, _ in .int(Int.bitWidth - (try i.toInt(r)).magnitude.leadingZeroBitCount) }),
    ("conjugate", { _, r, _ in r }),
    ("__index__", { _, r, _ in r }),
])

nonisolated(unsafe) let floatMethods: [String: PyBuiltinFunction] = table("float", [
    ("is_integer", { i, r, _ in
        let d = try i.toDouble(r)
        return .bool(d.isFinite && d == d.rounded())
    }),
    ("conjugate", { _, r, _ in r }),
    ("hex", { i, r, _ in .str(String(format: "%a", try i.toDouble(r))) }),
])

extension Interpreter {
    /// `str.format`: `{}`, `{0}`, `{name}`, `{0.attr}`, `{0[key]}`, `!r`, `:spec`.
    func strFormat(_ template: String, _ a: Arguments) throws -> String {
        var auto = 0
        return try strFormat(template, a, &auto)
    }

    /// `auto` numbers `{}` fields; nested fields in a spec continue the count (`'{:{}}'`).
    private func strFormat(_ template: String, _ a: Arguments, _ auto: inout Int) throws -> String {
        var out = ""
        let chars = Array(template)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "{" {
                if i + 1 < chars.count && chars[i + 1] == "{" {
                    out.append("{")
                    i += 2
                    continue
                }
                var depth = 1
                var j = i + 1
                while j < chars.count && depth > 0 {
                    if chars[j] == "{" { depth += 1 }
                    if chars[j] == "}" { depth -= 1 }
                    if depth > 0 { j += 1 }
                }
                guard j < chars.count else { throw valueError("Single '{' encountered in format string") }
                let field = String(chars[(i + 1)..<j])
                var name = field
                var spec = ""
                var conv: Character?
                if let colon = field.firstIndex(of: ":") {
                    name = String(field[..<colon])
                    spec = String(field[field.index(after: colon)...])
                }
                if let bang = name.firstIndex(of: "!") {
                    conv = name[name.index(after: bang)...].first
                    name = String(name[..<bang])
                }
                // Split the first name from attribute/index accessors.
                var head = name
                var rest = ""
                if let k = name.firstIndex(where: { $0 == "." || $0 == "[" }) {
                    head = String(name[..<k])
                    rest = String(name[k...])
                }
                var value: Value
                if head.isEmpty {
                    guard auto < a.positional.count else {
                        throw indexError("Replacement index \(auto) out of range for positional args tuple")
                    }
                    value = a.positional[auto]
                    auto += 1
                } else if let n = Int(head) {
                    guard n < a.positional.count else {
                        throw indexError("Replacement index \(n) out of range for positional args tuple")
                    }
                    value = a.positional[n]
                } else {
                    guard let v = a.keywords.first(where: { $0.0 == head })?.1 else { throw keyError(.str(head)) }
                    value = v
                }
                var r = Substring(rest)
                while let f = r.first {
                    if f == "." {
                        r = r.dropFirst()
                        let attr = r.prefix { $0 != "." && $0 != "[" }
                        value = try getAttribute(value, String(attr))
                        r = r.dropFirst(attr.count)
                    } else if f == "[" {
                        guard let close = r.firstIndex(of: "]") else { throw valueError("Missing ']' in format string") }
                        let key = String(r[r.index(after: r.startIndex)..<close])
                        value = try getItem(value, Int(key).map { .int($0) } ?? .str(key))
                        r = r[r.index(after: close)...]
                    } else {
                        break
                    }
                }
                // Nested fields in the spec are numbered after the field itself.
                if spec.contains("{") { spec = try strFormat(spec, a, &auto) }
                switch conv {
                case "r": value = .str(try repr(value))
                case "s": value = .str(try str(value))
                case "a": value = .str(ascii(try repr(value)))
                default: break
                }
                out += try formatValue(value, spec: spec)
                i = j + 1
            } else if c == "}" {
                if i + 1 < chars.count && chars[i + 1] == "}" {
                    out.append("}")
                    i += 2
                    continue
                }
                throw valueError("Single '}' encountered in format string")
            } else {
                out.append(c)
                i += 1
            }
        }
        return out
    }
}
