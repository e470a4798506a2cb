import Interpreter

/// IPython's input and output history variables.
extension ReplSession {
    /// Names the REPL itself defines, hidden from `%who`, `%whos` and `%reset`.
    static let hiddenNames: Set<String> = ["In", "Out", "_ih", "_oh", "_", "__", "___", "_i", "_ii", "_iii"]

    /// True for names `%who` leaves out: the bookkeeping names, `_<n>`, `_i<n>`, and other
    /// names starting with `_`.
    static func isHidden(_ name: String) -> Bool {
        hiddenNames.contains(name) || name.hasPrefix("_")
    }

    /// Binds `In`/`_ih` and `Out`/`_oh` (again after `%reset`).
    func installBookkeeping() {
        interp.setGlobal("In", .object(inList))
        interp.setGlobal("_ih", .object(inList))
        interp.setGlobal("Out", .object(outDict))
        interp.setGlobal("_oh", .object(outDict))
    }

    /// Records cell `n`'s source: `In[n]`, `_i<n>`, and `_i`/`_ii`/`_iii` (the previous
    /// three cells, as in IPython).
    func recordInput(_ cell: String, number n: Int) {
        let previous = inputs.count > 1 ? inputs.last ?? "" : ""
        while inputs.count < n { inputs.append("") }
        inputs.append(cell)
        while inList.items.count < n { inList.items.append(.str("")) }
        inList.items.append(.str(cell))
        let ii = interp.global("_ii") ?? .str("")
        let i = interp.global("_i") ?? .str("")
        interp.setGlobal("_iii", ii)
        interp.setGlobal("_ii", i)
        interp.setGlobal("_i", .str(previous))
        interp.setGlobal("_i\(n)", .str(cell))
    }

    /// Records a displayed value: `Out[n]`, `_<n>`, and shifts `_`, `__`, `___`.
    func recordOutput(_ value: Value, number n: Int) {
        if let two = interp.global("__") { interp.setGlobal("___", two) }
        if let one = interp.global("_") { interp.setGlobal("__", one) }
        interp.setGlobal("_", value)
        interp.setGlobal("_\(n)", value)
        try? outDict.set(.int(n), value, interp)
    }

    /// `%reset -f`: forgets every variable and the output history, keeps the count.
    func resetNamespace() {
        interp.resetGlobals()
        outDict = PyDict()
        inList = PyList(inputs.map { .str($0) })
        installBookkeeping()
    }
}
