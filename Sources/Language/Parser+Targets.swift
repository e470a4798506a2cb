/// Validation of assignment, deletion and binding targets, with CPython's messages.
extension RecursiveDescent {
    enum TargetContext {
        /// `t = value`; `single` when the statement has exactly one `=`.
        case assign(single: Bool)
        /// `for t in`, `with ... as t`, comprehension targets.
        case bind
        case delete
    }

    /// CPython's `_PyPegen_get_expr_name`: how an expression is named in target errors.
    func expressionName(_ e: Expr) -> String {
        switch e.kind {
        case .name: "name"
        case .attribute: "attribute"
        case .subscript: "subscript"
        case .starred: "starred"
        case .tuple: "tuple"
        case .list: "list"
        case .lambda: "lambda"
        case .call: "function call"
        case .boolOp, .binary, .unary: "expression"
        case .generator: "generator expression"
        case .listComp: "list comprehension"
        case .setComp: "set comprehension"
        case .dictComp: "dict comprehension"
        case .dict: "dict literal"
        case .set: "set display"
        case .fstring: "f-string expression"
        case .int, .bigInt, .float, .imaginary, .string, .bytes: "literal"
        case .bool(let flag): flag ? "True" : "False"
        case .none: "None"
        case .ellipsis: "ellipsis"
        case .compare: "comparison"
        case .ifExp: "conditional expression"
        case .namedExpr: "named expression"
        case .slice: "slice"
        }
    }

    /// The first sub-expression of `e` that cannot be a target, if any.
    func invalidTarget(_ e: Expr, deleting: Bool) -> Expr? {
        switch e.kind {
        case .name, .attribute, .subscript:
            return nil
        case .starred(let inner):
            return deleting ? e : invalidTarget(inner, deleting: deleting)
        case .tuple(let elements), .list(let elements):
            for element in elements {
                if let bad = invalidTarget(element, deleting: deleting) { return bad }
            }
            return nil
        case .int, .bigInt, .float, .imaginary, .string, .bytes, .fstring, .bool, .none, .ellipsis, .unary,
             .binary, .boolOp, .compare, .call, .slice, .set, .dict, .listComp, .setComp, .dictComp, .generator,
             .ifExp, .lambda, .namedExpr:
            return e
        }
    }

    func checkTarget(_ target: Expr, context: TargetContext) throws(ParseFailure) {
        switch context {
        case .delete:
            if let bad = invalidTarget(target, deleting: true) {
                throw error("cannot delete \(expressionName(bad))", bad.span)
            }
            return
        case .assign(let single):
            if single, invalidTarget(target, deleting: false) != nil, isBitwiseOrLevel(target) {
                throw error("cannot assign to \(expressionName(target)) here. Maybe you meant '==' instead of '='?",
                            target.span)
            }
        case .bind:
            break
        }
        if let bad = invalidTarget(target, deleting: false) {
            throw error("cannot assign to \(expressionName(bad))", bad.span)
        }
        if case .starred = target.kind {
            throw error("starred assignment target must be in a list or tuple", target.span)
        }
        try checkStarCount(target)
    }

    /// CPython's `invalid_named_expression` applies to a lone `bitwise_or` target other than a
    /// tuple, list, generator or True/False/None.
    private func isBitwiseOrLevel(_ e: Expr) -> Bool {
        switch e.kind {
        case .name, .int, .bigInt, .float, .imaginary, .string, .bytes, .fstring, .ellipsis, .unary, .binary, .call,
             .attribute, .subscript, .set, .dict, .listComp, .setComp, .dictComp:
            true
        case .bool, .none, .tuple, .list, .generator, .starred, .boolOp, .compare, .ifExp, .lambda, .namedExpr, .slice:
            false
        }
    }

    private func checkStarCount(_ target: Expr) throws(ParseFailure) {
        let elements: [Expr]
        if case .tuple(let items) = target.kind {
            elements = items
        } else if case .list(let items) = target.kind {
            elements = items
        } else {
            return
        }
        var stars = 0
        for element in elements {
            if case .starred(let inner) = element.kind {
                stars += 1
                if stars > 1 {
                    throw error("multiple starred expressions in assignment", element.span)
                }
                try checkStarCount(inner)
            } else {
                try checkStarCount(element)
            }
        }
    }

    /// A name, attribute or subscript: the only targets of augmented and annotated assignment.
    func isSingleTarget(_ e: Expr) -> Bool {
        switch e.kind {
        case .name, .attribute, .subscript:
            true
        case .int, .bigInt, .float, .imaginary, .string, .bytes, .fstring, .bool, .none, .ellipsis, .unary,
             .binary, .boolOp, .compare, .call, .slice, .tuple, .list, .set, .dict, .starred, .listComp, .setComp,
             .dictComp, .generator, .ifExp, .lambda, .namedExpr:
            false
        }
    }

    func checkAugmentedTarget(_ target: Expr) throws(ParseFailure) {
        if isSingleTarget(target) { return }
        throw error("'\(expressionName(target))' is an illegal expression for augmented assignment", target.span)
    }

    func checkAnnotationTarget(_ target: Expr) throws(ParseFailure) {
        if isSingleTarget(target) { return }
        if case .tuple = target.kind {
            throw error("only single target (not tuple) can be annotated", target.span)
        }
        if case .list = target.kind {
            throw error("only single target (not list) can be annotated", target.span)
        }
        throw error("illegal target for annotation", target.span)
    }
}
