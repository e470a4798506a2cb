/// Expressions, from comma lists down to atoms. Binary operators use precedence climbing,
/// prefix operators and trailers are parsed in loops, so recursion grows only with brackets,
/// `**`, lambdas and conditional expressions.
extension RecursiveDescent {
    // MARK: - Nesting limits

    /// Counts one level of recursion; the caller decrements `depth` when it returns.
    mutating func enter() throws(ParseFailure) {
        depth += 1
        if depth > RecursiveDescent.maxRecursion { throw tooDeep() }
    }

    @inline(never)
    func tooDeep() -> ParseFailure {
        error("too many nested expressions", tok.span)
    }

    /// Counts one more link of a left-nested chain (`a+b+c`, `x.y.z`, `---x`) against the limit.
    func checkChain(_ links: Int, _ span: Span) throws(ParseFailure) {
        if depth + links > RecursiveDescent.maxNesting { throw tooDeep() }
    }

    // MARK: - Comma lists

    /// Tokens that can begin an expression.
    func startsExpression(_ k: TokenKind) -> Bool {
        switch k {
        case .name, .number, .string, .lpar, .lsqb, .lbrace, .minus, .plus, .tilde, .star, .ellipsis,
             .kwNot, .kwLambda, .kwNone, .kwTrue, .kwFalse, .kwAwait:
            true
        default:
            false
        }
    }

    func tupleOf(_ elements: [Expr]) -> Expr {
        guard let first = elements.first, let last = elements.last else { return Expr(.tuple([]), Span(start: lastEnd, end: lastEnd)) }
        return Expr(.tuple(elements), Span(start: first.span.start, end: max(last.span.end, lastEnd)))
    }

    /// `star_expressions`: `a`, `a, *b, c`, `a,` (a tuple when a comma appears).
    mutating func parseStarExpressions() throws(ParseFailure) -> Expr {
        let first = try parseStarExpression()
        guard at(.comma) else { return first }
        return try parseStarExpressionsContinuing(first)
    }

    mutating func parseStarExpressionsContinuing(_ first: Expr) throws(ParseFailure) -> Expr {
        var elements = [first]
        while eat(.comma) {
            if !startsExpression(kind) { break }
            elements.append(try parseStarExpression())
        }
        return Expr(.tuple(elements), Span(start: first.span.start, end: lastEnd))
    }

    /// `*bitwise_or` or an expression.
    mutating func parseStarExpression() throws(ParseFailure) -> Expr {
        at(.star) ? try parseStarredBitwiseOr() : try parseTest()
    }

    mutating func parseStarredBitwiseOr() throws(ParseFailure) -> Expr {
        let star = advance()
        let value = try parseBitwiseOr()
        return Expr(.starred(value), Span(start: star.start, end: value.span.end))
    }

    /// `*bitwise_or` or a named expression (display elements).
    mutating func parseStarNamedExpression() throws(ParseFailure) -> Expr {
        at(.star) ? try parseStarredBitwiseOr() : try parseNamedExpression()
    }

    /// `name := value` or an expression.
    mutating func parseNamedExpression() throws(ParseFailure) -> Expr {
        if at(.name) && peek().kind == .colonEqual { return try parseWalrus() }
        let e = try parseTest()
        if at(.colonEqual) { throw walrusTargetError(e) }
        return e
    }

    @inline(never)
    mutating func parseWalrus() throws(ParseFailure) -> Expr {
        let name = advance()
        advance()
        let value = try parseTest()
        return Expr(.namedExpr(text(name), value), Span(start: name.start, end: value.span.end))
    }

    @inline(never)
    func walrusTargetError(_ e: Expr) -> ParseFailure {
        error("cannot use assignment expressions with \(expressionName(e))", e.span)
    }

    /// Targets of `for`, comprehensions and `del`: `a`, `a, b`, `*a, b`, `a.b[c]`, `(a, b), c`.
    /// Returns the elements and whether they formed an unparenthesized tuple.
    mutating func parseTargetList() throws(ParseFailure) -> ([Expr], Bool) {
        let first = at(.star) ? try parseStarredBitwiseOr() : try parseBitwiseOr()
        guard at(.comma) else { return ([first], false) }
        var elements = [first]
        while eat(.comma) {
            if !startsExpression(kind) { break }
            elements.append(at(.star) ? try parseStarredBitwiseOr() : try parseBitwiseOr())
        }
        return (elements, true)
    }

    // MARK: - Boolean and conditional layers
    //
    // Every function on the recursive path (`parseTest` down to `parseAtom` and back through a
    // bracket) keeps only its common case and hands operators, chains and errors to
    // `@inline(never)` helpers: the frames stay small, which is what bounds stack use per
    // nesting level (about 200 levels are legal).

    /// `expression`: a lambda, or a disjunction with an optional `if ... else ...`.
    mutating func parseTest() throws(ParseFailure) -> Expr {
        try enter()
        defer { depth -= 1 }
        if at(.kwLambda) { return try parseLambda() }
        let body = try parseOrTest()
        if at(.kwIf) { return try parseConditional(body) }
        return body
    }

    @inline(never)
    mutating func parseConditional(_ body: Expr) throws(ParseFailure) -> Expr {
        advance()
        let test = try parseOrTest()
        guard eat(.kwElse) else {
            if isAtStatementEnd() || at(.rpar) || at(.rsqb) || at(.rbrace) || at(.comma) {
                throw error("expected 'else' after 'if' expression", Span(start: body.span.start, end: lastEnd))
            }
            throw unexpected()
        }
        let orelse = try parseTest()
        return Expr(.ifExp(test, body, orelse), Span(start: body.span.start, end: orelse.span.end))
    }

    @inline(never)
    mutating func parseLambda() throws(ParseFailure) -> Expr {
        let keyword = advance()
        let parameters = try parseParameters(closing: .colon, annotations: false)
        try expectColon()
        let body = try parseTest()
        return Expr(.lambda(parameters, body), Span(start: keyword.start, end: body.span.end))
    }

    mutating func parseOrTest() throws(ParseFailure) -> Expr {
        let left = try parseAndTest()
        if at(.kwOr) { return try parseBoolChain(left, .or) }
        return left
    }

    mutating func parseAndTest() throws(ParseFailure) -> Expr {
        let left = try parseNotTest()
        if at(.kwAnd) { return try parseBoolChain(left, .and) }
        return left
    }

    /// `left or b or c` / `left and b and c`, nesting to the left.
    @inline(never)
    mutating func parseBoolChain(_ first: Expr, _ op: BoolOp) throws(ParseFailure) -> Expr {
        var left = first
        var links = 0
        let keyword: TokenKind = op == .or ? .kwOr : .kwAnd
        while at(keyword) {
            advance()
            let right = op == .or ? try parseAndTest() : try parseNotTest()
            links += 1
            try checkChain(links, right.span)
            left = Expr(.boolOp(op, left, right), left.span.union(right.span))
        }
        return left
    }

    mutating func parseNotTest() throws(ParseFailure) -> Expr {
        if at(.kwNot) { return try parseNotChain() }
        return try parseComparison()
    }

    @inline(never)
    mutating func parseNotChain() throws(ParseFailure) -> Expr {
        var starts: [Int] = []
        while at(.kwNot) {
            starts.append(advance().start)
            try checkChain(starts.count, tok.span)
        }
        var e = try parseComparison()
        for start in starts.reversed() {
            e = Expr(.unary(.not, e), Span(start: start, end: e.span.end))
        }
        return e
    }

    mutating func parseComparison() throws(ParseFailure) -> Expr {
        let first = try parseBitwiseOr()
        if comparisonOperator() != nil { return try parseComparisonChain(first) }
        return first
    }

    /// The comparison operator at the current token (`not in` and `is not` span two tokens).
    func comparisonOperator() -> CompareOp? {
        switch kind {
        case .less: .lt
        case .greater: .gt
        case .equalEqual: .eq
        case .greaterEqual: .ge
        case .lessEqual: .le
        case .notEqual: .ne
        case .kwIn: .in
        case .kwIs: peek().kind == .kwNot ? .isNot : .is
        case .kwNot: peek().kind == .kwIn ? .notIn : nil
        default: nil
        }
    }

    @inline(never)
    mutating func parseComparisonChain(_ first: Expr) throws(ParseFailure) -> Expr {
        var comparisons: [Comparison] = []
        while let op = comparisonOperator() {
            if op == .isNot || op == .notIn { advance() }
            advance()
            comparisons.append(Comparison(op: op, operand: try parseBitwiseOr()))
        }
        guard let last = comparisons.last else { return first }
        return Expr(.compare(first, comparisons), first.span.union(last.operand.span))
    }

    // MARK: - Arithmetic

    func binaryOperator(_ k: TokenKind) -> (BinaryOp, Int)? {
        switch k {
        case .vbar: (.bitOr, 1)
        case .circumflex: (.bitXor, 2)
        case .amper: (.bitAnd, 3)
        case .leftShift: (.lshift, 4)
        case .rightShift: (.rshift, 4)
        case .plus: (.add, 5)
        case .minus: (.sub, 5)
        case .star: (.mul, 6)
        case .slash: (.div, 6)
        case .doubleSlash: (.floorDiv, 6)
        case .percent: (.mod, 6)
        case .at: (.matMul, 6)
        default: nil
        }
    }

    mutating func parseBitwiseOr() throws(ParseFailure) -> Expr {
        let left = try parseFactor()
        if binaryOperator(kind) != nil { return try parseBinaryChain(left, minPrecedence: 1) }
        return left
    }

    /// Precedence climbing over the left-associative binary operators (`|` loosest, `*` tightest),
    /// continuing from an already parsed left operand.
    @inline(never)
    mutating func parseBinaryChain(_ first: Expr, minPrecedence: Int) throws(ParseFailure) -> Expr {
        var left = first
        var links = 0
        while let (op, precedence) = binaryOperator(kind), precedence >= minPrecedence {
            advance()
            var right = try parseFactor()
            if precedence < 6, let (_, next) = binaryOperator(kind), next > precedence {
                right = try parseBinaryChain(right, minPrecedence: precedence + 1)
            }
            links += 1
            try checkChain(links, right.span)
            left = Expr(.binary(op, left, right), left.span.union(right.span))
        }
        return left
    }

    /// Prefix `-`, `+`, `~`, then a power.
    mutating func parseFactor() throws(ParseFailure) -> Expr {
        switch kind {
        case .minus, .plus, .tilde: return try parseUnaryChain()
        default: return try parsePower()
        }
    }

    /// Prefix operators collected in a loop (no recursion per operator).
    @inline(never)
    mutating func parseUnaryChain() throws(ParseFailure) -> Expr {
        var ops: [(UnaryOp, Int)] = []
        while true {
            let op: UnaryOp
            switch kind {
            case .minus: op = .neg
            case .plus: op = .pos
            case .tilde: op = .invert
            default:
                var e = try parsePower()
                for (op, start) in ops.reversed() {
                    e = Expr(.unary(op, e), Span(start: start, end: e.span.end))
                }
                return e
            }
            ops.append((op, advance().start))
            try checkChain(ops.count, tok.span)
        }
    }

    /// `primary ** factor` (right-associative; binds tighter than a unary minus on its left).
    mutating func parsePower() throws(ParseFailure) -> Expr {
        let base = try parsePrimary()
        if at(.doubleStar) { return try parsePowerRest(base) }
        return base
    }

    @inline(never)
    mutating func parsePowerRest(_ base: Expr) throws(ParseFailure) -> Expr {
        advance()
        try enter()
        defer { depth -= 1 }
        let exponent = try parseFactor()
        return Expr(.binary(.pow, base, exponent), base.span.union(exponent.span))
    }

    /// An atom followed by `.name`, `(args)` and `[index]` trailers.
    mutating func parsePrimary() throws(ParseFailure) -> Expr {
        let atom = try parseAtom()
        switch kind {
        case .dot, .lpar, .lsqb: return try parseTrailers(atom)
        default: return atom
        }
    }

    @inline(never)
    mutating func parseTrailers(_ atom: Expr) throws(ParseFailure) -> Expr {
        var e = atom
        var links = 0
        while true {
            switch kind {
            case .dot:
                advance()
                let name = try expect(.name)
                e = Expr(.attribute(e, text(name)), Span(start: e.span.start, end: name.end))
            case .lpar:
                let open = advance()
                let arguments = try parseArguments(open: open)
                e = Expr(.call(e, arguments), Span(start: e.span.start, end: lastEnd))
            case .lsqb:
                advance()
                let index = try parseSlices()
                try expectClosing(.rsqb, after: index)
                e = Expr(.subscript(e, index), Span(start: e.span.start, end: lastEnd))
            default:
                return e
            }
            links += 1
            try checkChain(links, e.span)
        }
    }

    // MARK: - Atoms

    mutating func parseAtom() throws(ParseFailure) -> Expr {
        let t = tok
        switch t.kind {
        case .name:
            advance()
            return Expr(.name(text(t)), t.span)
        case .number:
            advance()
            return try parseNumber(t)
        case .string:
            return try parseStrings()
        case .kwTrue:
            advance()
            return Expr(.bool(true), t.span)
        case .kwFalse:
            advance()
            return Expr(.bool(false), t.span)
        case .kwNone:
            advance()
            return Expr(.none, t.span)
        case .ellipsis:
            advance()
            return Expr(.ellipsis, t.span)
        case .lpar:
            return try parseParenthesized()
        case .lsqb:
            return try parseListDisplay()
        case .lbrace:
            return try parseBraceDisplay()
        default:
            throw unexpected()
        }
    }

    /// Expects a closing bracket after `last`; if an expression starts there instead, reports
    /// CPython's "Perhaps you forgot a comma?".
    mutating func expectClosing(_ k: TokenKind, after last: Expr) throws(ParseFailure) {
        if eat(k) { return }
        throw missingClosing(after: last)
    }

    @inline(never)
    mutating func missingClosing(after last: Expr) -> ParseFailure {
        do {
            try checkMissingComma(after: last)
        } catch {
            return error
        }
        return unexpected()
    }

    /// CPython's `invalid_expression` rule: inside brackets, two expressions side by side.
    mutating func checkMissingComma(after previous: Expr) throws(ParseFailure) {
        guard lexError == nil, startsExpression(kind), !at(.star), !at(.minus), !at(.plus) else { return }
        switch previous.kind {
        case .lambda, .ifExp, .starred, .namedExpr: return
        case .name, .int, .bigInt, .float, .imaginary, .string, .bytes, .fstring, .bool, .none, .ellipsis, .unary,
             .binary, .boolOp, .compare, .call, .attribute, .subscript, .slice, .tuple, .list, .set, .dict,
             .listComp, .setComp, .dictComp, .generator:
            break
        }
        // Not when the first expression starts with a name directly followed by a string
        // (`print "x"`-like) or with a soft keyword.
        if let index = tokens.firstIndex(where: { $0.start == previous.span.start }) {
            let first = tokens[index]
            if first.kind == .name {
                if index + 1 < tokens.count, tokens[index + 1].kind == .string { return }
                switch text(first) {
                case "match", "case", "_", "type": return
                default: break
                }
            }
        }
        let saved = (pos, lastEnd)
        if let next = try? parseTest() {
            throw ParseFailure(kind: .syntax, message: messagePrefix + "invalid syntax. Perhaps you forgot a comma?",
                             span: Span(start: previous.span.start, end: next.span.end), source: source)
        }
        (pos, lastEnd) = saved
    }

    mutating func parseParenthesized() throws(ParseFailure) -> Expr {
        let open = advance()
        if at(.rpar) {
            let close = advance()
            return Expr(.tuple([]), Span(start: open.start, end: close.end))
        }
        let first = try parseStarNamedExpression()
        return try finishParenthesized(open, first)
    }

    @inline(never)
    mutating func finishParenthesized(_ open: Token, _ first: Expr) throws(ParseFailure) -> Expr {
        if at(.kwFor) {
            let clauses = try parseComprehensionClauses(element: first)
            try expectClosing(.rpar, after: first)
            return Expr(.generator(first, clauses), Span(start: open.start, end: lastEnd))
        }
        if eat(.rpar) {
            if case .starred = first.kind {
                throw ParseFailure(kind: .syntax, message: messagePrefix + "cannot use starred expression here",
                                   span: first.span, source: source)
            }
            return first
        }
        guard at(.comma) else {
            try expectClosing(.rpar, after: first)
            return first
        }
        var elements = [first]
        while eat(.comma) {
            if at(.rpar) { break }
            elements.append(try parseStarNamedExpression())
        }
        try expectClosing(.rpar, after: elements[elements.count - 1])
        return Expr(.tuple(elements), Span(start: open.start, end: lastEnd))
    }

    mutating func parseListDisplay() throws(ParseFailure) -> Expr {
        let open = advance()
        if at(.rsqb) {
            advance()
            return Expr(.list([]), Span(start: open.start, end: lastEnd))
        }
        let first = try parseStarNamedExpression()
        if at(.kwFor) {
            let clauses = try parseComprehensionClauses(element: first)
            try expectClosing(.rsqb, after: first)
            return Expr(.listComp(first, clauses), Span(start: open.start, end: lastEnd))
        }
        var elements = [first]
        while eat(.comma) {
            if at(.rsqb) { break }
            elements.append(try parseStarNamedExpression())
        }
        try expectClosing(.rsqb, after: elements[elements.count - 1])
        return Expr(.list(elements), Span(start: open.start, end: lastEnd))
    }

    mutating func parseBraceDisplay() throws(ParseFailure) -> Expr {
        let open = advance()
        if at(.rbrace) {
            advance()
            return Expr(.dict([]), Span(start: open.start, end: lastEnd))
        }
        var entries: [DictEntry] = []
        if at(.doubleStar) {
            advance()
            entries.append(.unpack(try parseBitwiseOr()))
        } else {
            let first = try parseStarNamedExpression()
            if !at(.colon) {
                return try parseSetRest(open: open, first: first)
            }
            advance()
            let value = try parseTest()
            if at(.kwFor) {
                let clauses = try parseComprehensionClauses(element: value)
                try expectClosing(.rbrace, after: value)
                return Expr(.dictComp(first, value, clauses), Span(start: open.start, end: lastEnd))
            }
            entries.append(.pair(first, value))
        }
        var last = entriesLast(entries)
        while eat(.comma) {
            if at(.rbrace) { break }
            if eat(.doubleStar) {
                entries.append(.unpack(try parseBitwiseOr()))
            } else {
                let key = try parseTest()
                if !at(.colon) {
                    try checkMissingComma(after: key)
                    throw error("':' expected after dictionary key", tok.span)
                }
                advance()
                entries.append(.pair(key, try parseTest()))
            }
            last = entriesLast(entries)
        }
        if let last { try expectClosing(.rbrace, after: last) } else { try expect(.rbrace) }
        return Expr(.dict(entries), Span(start: open.start, end: lastEnd))
    }

    private func entriesLast(_ entries: [DictEntry]) -> Expr? {
        switch entries.last {
        case .pair(_, let value): value
        case .unpack(let value): value
        case nil: nil
        }
    }

    mutating func parseSetRest(open: Token, first: Expr) throws(ParseFailure) -> Expr {
        if at(.kwFor) {
            let clauses = try parseComprehensionClauses(element: first)
            try expectClosing(.rbrace, after: first)
            return Expr(.setComp(first, clauses), Span(start: open.start, end: lastEnd))
        }
        var elements = [first]
        while eat(.comma) {
            if at(.rbrace) { break }
            elements.append(try parseStarNamedExpression())
        }
        try expectClosing(.rbrace, after: elements[elements.count - 1])
        return Expr(.set(elements), Span(start: open.start, end: lastEnd))
    }

    /// `for target in iter (if cond)*`, repeated.
    mutating func parseComprehensionClauses(element: Expr) throws(ParseFailure) -> [Comprehension] {
        if case .starred = element.kind {
            throw error("iterable unpacking cannot be used in comprehension", element.span)
        }
        var clauses: [Comprehension] = []
        while at(.kwFor) {
            advance()
            let (targets, isTuple) = try parseTargetList()
            let target = isTuple ? tupleOf(targets) : targets[0]
            try expect(.kwIn)
            try checkTarget(target, context: .bind)
            let iter = try parseOrTest()
            var conditions: [Expr] = []
            while at(.kwIf) {
                advance()
                conditions.append(try parseOrTest())
            }
            clauses.append(Comprehension(target: target, iter: iter, conditions: conditions))
        }
        return clauses
    }

    // MARK: - Calls and subscripts

    /// Arguments after `(` up to and including `)`.
    mutating func parseArguments(open: Token) throws(ParseFailure) -> [Argument] {
        var arguments: [Argument] = []
        var sawKeyword = false
        var sawDoubleStar = false
        var last: Expr?
        while !at(.rpar) {
            let start = tok.start
            if at(.star) {
                advance()
                let value = try parseTest()
                if sawDoubleStar {
                    throw error("iterable argument unpacking follows keyword argument unpacking",
                                Span(start: start, end: value.span.end))
                }
                arguments.append(.star(value))
                last = value
            } else if at(.doubleStar) {
                advance()
                let value = try parseTest()
                arguments.append(.doubleStar(value))
                sawDoubleStar = true
                last = value
            } else if at(.name) && peek().kind == .equal {
                let name = advance()
                advance()
                let value = try parseTest()
                let keyword = text(name)
                for case .keyword(let other, _, _) in arguments where other == keyword {
                    throw error("keyword argument repeated: \(keyword)", name.span)
                }
                arguments.append(.keyword(keyword, value, Span(start: name.start, end: value.span.end)))
                sawKeyword = true
                last = value
            } else {
                var value = try parseNamedExpression()
                if at(.equal) {
                    if case .bool(let flag) = value.kind {
                        throw error("cannot assign to \(flag ? "True" : "False")", value.span)
                    }
                    if case .none = value.kind {
                        throw error("cannot assign to None", value.span)
                    }
                    throw error("expression cannot contain assignment, perhaps you meant \"==\"?",
                                Span(start: value.span.start, end: tok.end))
                }
                if at(.kwFor) {
                    let clauses = try parseComprehensionClauses(element: value)
                    value = Expr(.generator(value, clauses), Span(start: value.span.start, end: lastEnd))
                    if !arguments.isEmpty || !(at(.rpar) || (at(.comma) && peek().kind == .rpar)) {
                        throw error("Generator expression must be parenthesized", value.span)
                    }
                }
                if sawDoubleStar {
                    throw error("positional argument follows keyword argument unpacking", value.span)
                }
                if sawKeyword {
                    throw error("positional argument follows keyword argument", value.span)
                }
                arguments.append(.positional(value))
                last = value
            }
            if !eat(.comma) { break }
        }
        if let last { try expectClosing(.rpar, after: last) } else { try expect(.rpar) }
        return arguments
    }

    /// The index inside `[...]`: one item, or a tuple of items when commas appear.
    mutating func parseSlices() throws(ParseFailure) -> Expr {
        let first = try parseSliceItem()
        guard at(.comma) else { return first }
        var elements = [first]
        while eat(.comma) {
            if at(.rsqb) { break }
            elements.append(try parseSliceItem())
        }
        return Expr(.tuple(elements), Span(start: first.span.start, end: lastEnd))
    }

    /// `lower:upper:step` (each part optional), a starred expression, or a named expression.
    mutating func parseSliceItem() throws(ParseFailure) -> Expr {
        let start = tok.start
        var lower: Expr?
        if !at(.colon) {
            if at(.star) { return try parseStarredBitwiseOr() }
            let e = try parseNamedExpression()
            guard at(.colon) else { return e }
            lower = e
        }
        advance()
        func endsPart(_ k: TokenKind) -> Bool { k == .colon || k == .comma || k == .rsqb }
        let upper: Expr? = endsPart(kind) ? nil : try parseTest()
        var step: Expr?
        if eat(.colon) {
            step = (at(.comma) || at(.rsqb)) ? nil : try parseTest()
        }
        return Expr(.slice(lower, upper, step), Span(start: start, end: lastEnd))
    }

    // MARK: - Parameters

    /// Parameters of a `def` (closing `)`, annotations allowed) or a lambda (closing `:`).
    /// Stops before the closing token.
    mutating func parseParameters(closing: TokenKind, annotations: Bool) throws(ParseFailure) -> Parameters {
        var list: [Parameter] = []
        var positionalOnly = 0
        var sawSlash = false
        var sawStar = false
        var bareStar: Token?
        var sawVarKeyword = false
        var sawDefault = false
        while !at(closing) {
            let start = tok
            if sawVarKeyword {
                throw error("arguments cannot follow var-keyword argument", start.span)
            }
            if at(.slash) {
                if sawSlash { throw error("/ may appear only once", start.span) }
                if sawStar { throw error("/ must be ahead of *", start.span) }
                if list.isEmpty { throw error("at least one argument must precede /", start.span) }
                advance()
                positionalOnly = list.count
                sawSlash = true
            } else if at(.star) {
                advance()
                if sawStar { throw error("* argument may appear only once", start.span) }
                sawStar = true
                if at(.name) {
                    let name = advance()
                    let annotation: Expr? = annotations && eat(.colon) ? try parseTest() : nil
                    if at(.equal) { throw error("var-positional argument cannot have default value", tok.span) }
                    list.append(Parameter(name: text(name), kind: .varPositional, defaultValue: nil,
                                          annotation: annotation, span: Span(start: start.start, end: lastEnd)))
                } else {
                    bareStar = start
                    if at(closing) || (at(.comma) && peek().kind == closing) || at(.doubleStar)
                        || (at(.comma) && peek().kind == .doubleStar) {
                        throw error("named arguments must follow bare *", start.span)
                    }
                }
            } else if at(.doubleStar) {
                advance()
                let name = try expect(.name)
                let annotation: Expr? = annotations && eat(.colon) ? try parseTest() : nil
                if at(.equal) { throw error("var-keyword argument cannot have default value", tok.span) }
                list.append(Parameter(name: text(name), kind: .varKeyword, defaultValue: nil,
                                      annotation: annotation, span: Span(start: start.start, end: lastEnd)))
                sawVarKeyword = true
            } else {
                let name = try expect(.name)
                let annotation: Expr? = annotations && eat(.colon) ? try parseTest() : nil
                let defaultValue: Expr? = eat(.equal) ? try parseTest() : nil
                if !sawStar {
                    if defaultValue != nil {
                        sawDefault = true
                    } else if sawDefault {
                        throw error("non-default argument follows default argument", name.span)
                    }
                }
                list.append(Parameter(name: text(name), kind: sawStar ? .keywordOnly : .normal,
                                      defaultValue: defaultValue, annotation: annotation,
                                      span: Span(start: name.start, end: lastEnd)))
                bareStar = nil
            }
            if let last = list.last, list.dropLast().contains(where: { $0.name == last.name }) {
                throw error("duplicate argument '\(last.name)' in function definition", last.span)
            }
            if !eat(.comma) { break }
        }
        if let bareStar {
            throw error("named arguments must follow bare *", bareStar.span)
        }
        return Parameters(list: list, positionalOnlyCount: positionalOnly)
    }
}
