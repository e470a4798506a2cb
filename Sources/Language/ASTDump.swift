/// A compact S-expression rendering of syntax trees, for tests and debugging.
///
/// Expressions: names and constants print as themselves (`x`, `1`, `1.5`, `2.0j`, `"s"`, `b"s"`,
/// `True`, `None`, `...`); operators as `(op a b)` (`(- x)`, `(+ a b)`, `(and a b)`,
/// `(cmp a < b not in c)`); `(call f a (kw k v) (* xs) (** kw))`, `(. obj attr)`, `(sub x i)`,
/// `(slice lo hi step)` with `_` for a missing part, `(tuple ...)`, `(list ...)`, `(set ...)`,
/// `(dict (k v) (** d))`, `(* x)`, `(listcomp e (for t it (if c)))`, `(genexp ...)`,
/// `(ifexp test body orelse)`, `(lambda (params) body)`, `(:= x v)`, and f-strings as
/// `(f "lit" {expr !r :[spec parts] ="x="})`.
/// Statements: a bare expression for expression statements, `(= t1 t2 value)`, `(+= t v)`,
/// `(ann t T v)`, `(if test [body] [orelse])`, `(def name (params) -> R [body] @[decorators])`, etc.
/// Blocks print as `[s1 s2 ...]`.
public enum ASTDump {
    /// One line per top-level statement.
    public static func dump(_ module: Module) -> String {
        module.body.map { dump($0) }.joined(separator: "\n")
    }

    public static func dump(_ statements: [Stmt]) -> String {
        "[" + statements.map { dump($0) }.joined(separator: " ") + "]"
    }

    public static func dump(_ stmt: Stmt) -> String {
        switch stmt.kind {
        case .expr(let e):
            return dump(e)
        case .assign(let targets, let value):
            return "(= " + (targets + [value]).map { dump($0) }.joined(separator: " ") + ")"
        case .augAssign(let target, let op, let value):
            return "(\(op.rawValue)= \(dump(target)) \(dump(value)))"
        case .annAssign(let target, let annotation, let value):
            return "(ann \(dump(target)) \(dump(annotation))\(value.map { " " + dump($0) } ?? ""))"
        case .if(let test, let body, let orelse):
            return "(if \(dump(test)) \(dump(body))\(orelse.isEmpty ? "" : " " + dump(orelse)))"
        case .while(let test, let body, let orelse):
            return "(while \(dump(test)) \(dump(body))\(orelse.isEmpty ? "" : " " + dump(orelse)))"
        case .for(let target, let iter, let body, let orelse):
            return "(for \(dump(target)) \(dump(iter)) \(dump(body))\(orelse.isEmpty ? "" : " " + dump(orelse)))"
        case .break:
            return "break"
        case .continue:
            return "continue"
        case .pass:
            return "pass"
        case .return(let value):
            return value.map { "(return \(dump($0)))" } ?? "(return)"
        case .def(let def):
            var out = "(def \(def.name) \(dump(def.parameters))"
            if let returns = def.returns { out += " -> \(dump(returns))" }
            out += " " + dump(def.body)
            if !def.decorators.isEmpty { out += " @[" + def.decorators.map { dump($0) }.joined(separator: " ") + "]" }
            return out + ")"
        case .class(let classDef):
            var out = "(class \(classDef.name) (" + classDef.bases.map { dump($0) }.joined(separator: " ") + ")"
            out += " " + dump(classDef.body)
            if !classDef.decorators.isEmpty {
                out += " @[" + classDef.decorators.map { dump($0) }.joined(separator: " ") + "]"
            }
            return out + ")"
        case .import(let names):
            return "(import " + names.map { dump($0) }.joined(separator: " ") + ")"
        case .importFrom(let module, let names, let level):
            return "(from \(String(repeating: ".", count: level))\(module) " + names.map { dump($0) }.joined(separator: " ") + ")"
        case .global(let names):
            return "(global " + names.joined(separator: " ") + ")"
        case .nonlocal(let names):
            return "(nonlocal " + names.joined(separator: " ") + ")"
        case .del(let targets):
            return "(del " + targets.map { dump($0) }.joined(separator: " ") + ")"
        case .assert(let test, let message):
            return "(assert \(dump(test))\(message.map { " " + dump($0) } ?? ""))"
        case .raise(let exception, let cause):
            var out = "(raise"
            if let exception { out += " " + dump(exception) }
            if let cause { out += " from " + dump(cause) }
            return out + ")"
        case .try(let body, let handlers, let orelse, let finalBody):
            var out = "(try " + dump(body)
            for handler in handlers {
                out += " (except"
                if let type = handler.type { out += " " + dump(type) }
                if let name = handler.name { out += " as " + name }
                out += " " + dump(handler.body) + ")"
            }
            if !orelse.isEmpty { out += " (else " + dump(orelse) + ")" }
            if !finalBody.isEmpty { out += " (finally " + dump(finalBody) + ")" }
            return out + ")"
        case .with(let items, let body):
            let rendered = items.map { item in
                item.target.map { "(\(dump(item.context)) as \(dump($0)))" } ?? dump(item.context)
            }
            return "(with " + rendered.joined(separator: " ") + " " + dump(body) + ")"
        }
    }

    static func dump(_ name: ImportName) -> String {
        name.asName.map { "(\(name.name) as \($0))" } ?? name.name
    }

    public static func dump(_ parameters: Parameters) -> String {
        var parts: [String] = []
        var sawStar = false
        for (index, parameter) in parameters.list.enumerated() {
            if index == parameters.positionalOnlyCount && index > 0 { parts.append("/") }
            var text: String
            switch parameter.kind {
            case .normal:
                text = parameter.name
            case .varPositional:
                text = "*" + parameter.name
                sawStar = true
            case .keywordOnly:
                if !sawStar {
                    parts.append("*")
                    sawStar = true
                }
                text = parameter.name
            case .varKeyword:
                text = "**" + parameter.name
            }
            if let annotation = parameter.annotation { text += ":" + dump(annotation) }
            if let value = parameter.defaultValue { text += "=" + dump(value) }
            parts.append(text)
        }
        if parameters.positionalOnlyCount == parameters.list.count && parameters.positionalOnlyCount > 0 {
            parts.append("/")
        }
        return "(" + parts.joined(separator: " ") + ")"
    }

    public static func dump(_ argument: Argument) -> String {
        switch argument {
        case .positional(let e): dump(e)
        case .keyword(let name, let e, _): "(kw \(name) \(dump(e)))"
        case .star(let e): "(* \(dump(e)))"
        case .doubleStar(let e): "(** \(dump(e)))"
        }
    }

    public static func dump(_ e: Expr?) -> String {
        guard let e else { return "_" }
        switch e.kind {
        case .name(let name): return name
        case .int(let value): return String(value)
        case .bigInt(let digits): return digits
        case .float(let value): return String(value)
        case .imaginary(let value): return String(value) + "j"
        case .string(let s): return quoted(s)
        case .bytes(let bytes): return "b" + quoted(String(decoding: bytes, as: UTF8.self))
        case .fstring(let parts): return "(f" + parts.map { " " + dump($0) }.joined() + ")"
        case .bool(let flag): return flag ? "True" : "False"
        case .none: return "None"
        case .ellipsis: return "..."
        case .unary(let op, let operand): return "(\(op.rawValue) \(dump(operand)))"
        case .binary(let op, let left, let right): return "(\(op.rawValue) \(dump(left)) \(dump(right)))"
        case .boolOp(let op, let left, let right): return "(\(op.rawValue) \(dump(left)) \(dump(right)))"
        case .compare(let first, let rest):
            return "(cmp \(dump(first))" + rest.map { " \($0.op.rawValue) \(dump($0.operand))" }.joined() + ")"
        case .call(let function, let arguments):
            return "(call \(dump(function))" + arguments.map { " " + dump($0) }.joined() + ")"
        case .attribute(let value, let name): return "(. \(dump(value)) \(name))"
        case .subscript(let value, let index): return "(sub \(dump(value)) \(dump(index)))"
        case .slice(let lower, let upper, let step): return "(slice \(dump(lower)) \(dump(upper)) \(dump(step)))"
        case .tuple(let elements): return list("tuple", elements)
        case .list(let elements): return list("list", elements)
        case .set(let elements): return list("set", elements)
        case .dict(let entries):
            return "(dict" + entries.map { entry in
                switch entry {
                case .pair(let key, let value): " (\(dump(key)) \(dump(value)))"
                case .unpack(let value): " (** \(dump(value)))"
                }
            }.joined() + ")"
        case .starred(let value): return "(* \(dump(value)))"
        case .listComp(let element, let clauses): return "(listcomp \(dump(element))\(dump(clauses)))"
        case .setComp(let element, let clauses): return "(setcomp \(dump(element))\(dump(clauses)))"
        case .dictComp(let key, let value, let clauses): return "(dictcomp \(dump(key)) \(dump(value))\(dump(clauses)))"
        case .generator(let element, let clauses): return "(genexp \(dump(element))\(dump(clauses)))"
        case .ifExp(let test, let body, let orelse): return "(ifexp \(dump(test)) \(dump(body)) \(dump(orelse)))"
        case .lambda(let parameters, let body): return "(lambda \(dump(parameters)) \(dump(body)))"
        case .namedExpr(let name, let value): return "(:= \(name) \(dump(value)))"
        }
    }

    static func dump(_ clauses: [Comprehension]) -> String {
        clauses.map { clause in
            " (for \(dump(clause.target)) \(dump(clause.iter))" + clause.conditions.map { " (if \(dump($0)))" }.joined() + ")"
        }.joined()
    }

    static func dump(_ part: FStringPart) -> String {
        switch part {
        case .literal(let s):
            return quoted(s)
        case .field(let expr, let conversion, let spec, let debugText):
            var out = "{" + dump(expr)
            if let conversion { out += " !\(conversion)" }
            if !spec.isEmpty { out += " :[" + spec.map { dump($0) }.joined(separator: " ") + "]" }
            if let debugText { out += " =" + quoted(debugText) }
            return out + "}"
        }
    }

    static func list(_ head: String, _ elements: [Expr]) -> String {
        "(" + head + elements.map { " " + dump($0) }.joined() + ")"
    }

    /// A double-quoted rendering with `\n`, `\t`, `\\`, `\"` and `\u{...}` escapes for controls.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension Module {
    /// The S-expression dump of this module (see `ASTDump`).
    public var dumped: String { ASTDump.dump(self) }
}
