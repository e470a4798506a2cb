/// Parses Python source (the subset cnb runs) into a `Module`.
public enum Parser {
    /// Parses a whole cell or file. Throws the first syntax error, CPython-worded.
    public static func parse(_ source: SourceFile) throws(Diagnostic) -> Module {
        try parse(source, lexed: Lexer.tokenize(source))
    }

    static func parse(_ source: SourceFile, lexed: LexResult) throws(Diagnostic) -> Module {
        var parser = RecursiveDescent(source: source, lexed: lexed)
        do {
            return Module(body: try parser.parseModule(), source: source)
        } catch {
            throw error.diagnostic
        }
    }
}

/// The parser's internal error: a single reference, so the error slot every `try` reserves in
/// every recursive frame stays one word (a `Diagnostic` by value made frames several times larger).
final class ParseFailure: Error {
    let diagnostic: Diagnostic

    init(_ diagnostic: Diagnostic) {
        self.diagnostic = diagnostic
    }

    convenience init(kind: Diagnostic.Kind, message: String, span: Span, source: SourceFile,
                     showsCaret: Bool = true, isIndentationAtEOF: Bool = false) {
        self.init(Diagnostic(kind: kind, message: message, span: span, source: source, showsCaret: showsCaret,
                             isIndentationAtEOF: isIndentationAtEOF))
    }
}

/// The recursive-descent parser over a token array.
///
/// Recursion is bounded: brackets nest at most 200 deep (the lexer enforces it), blocks at most
/// 100 deep, and every other way to nest expressions (unary chains, `**`, lambdas, conditional
/// expressions, long operator or trailer chains) counts against `maxNesting`, so neither parsing
/// nor later tree walks can exhaust the stack.
struct RecursiveDescent {
    /// Deepest expression nesting (recursion plus chain length) accepted.
    static let maxNesting = 1000
    /// Deepest recursion through `parseTest` and `**` accepted.
    static let maxRecursion = 300

    let source: SourceFile
    let tokens: [Token]
    let lexError: Diagnostic?
    var pos = 0
    /// End offset of the last non-layout token consumed.
    var lastEnd = 0
    /// Current recursion depth through `parseTest` / `**`.
    var depth = 0
    /// Prefix added to messages (`"f-string: "` when parsing a replacement field).
    var messagePrefix = ""

    init(source: SourceFile, lexed: LexResult, depth: Int = 0) {
        self.source = source
        self.tokens = lexed.tokens
        self.lexError = lexed.error
        self.depth = depth
        precondition(lexed.tokens.last?.kind == .endOfFile, "token stream must end with endOfFile")
    }

    // MARK: - Token cursor

    var tok: Token { tokens[pos] }
    var kind: TokenKind { tokens[pos].kind }

    func peek(_ offset: Int = 1) -> Token {
        tokens[min(pos + offset, tokens.count - 1)]
    }

    func at(_ k: TokenKind) -> Bool { tokens[pos].kind == k }

    @discardableResult
    mutating func advance() -> Token {
        let t = tokens[pos]
        if pos < tokens.count - 1 { pos += 1 }
        if !t.kind.isLayout && t.kind != .error { lastEnd = t.end }
        return t
    }

    mutating func eat(_ k: TokenKind) -> Bool {
        guard at(k) else { return false }
        advance()
        return true
    }

    /// Consumes a token of kind `k`, or fails with `message` (generic invalid syntax when nil).
    @discardableResult
    mutating func expect(_ k: TokenKind, _ message: String? = nil) throws(ParseFailure) -> Token {
        guard at(k) else {
            if let message { throw error(message, tok.span) }
            throw unexpected()
        }
        return advance()
    }

    func text(_ t: Token) -> String { source.text(of: t.span) }

    func line(_ t: Token) -> Int { source.line(of: t.start) }

    // MARK: - Errors

    /// The generic error at the current token: the lexer's error when the parser reached it or when
    /// one exists further on (CPython re-tokenizes the rest after a generic error), "unexpected
    /// indent" at an INDENT, else "invalid syntax".
    @inline(never)
    func unexpected() -> ParseFailure {
        let t = tok
        if t.kind == .error, let lexError { return ParseFailure(prefixed(lexError)) }
        if t.kind == .indent {
            return ParseFailure(kind: .indentation, message: "unexpected indent", span: t.span, source: source,
                                showsCaret: false)
        }
        if let lexError { return ParseFailure(prefixed(lexError)) }
        return ParseFailure(kind: .syntax, message: messagePrefix + "invalid syntax", span: t.span, source: source)
    }

    /// A specific error; the lexer's error still wins when the parser is standing on it.
    @inline(never)
    func error(_ message: String, _ span: Span, kind: Diagnostic.Kind = .syntax) -> ParseFailure {
        if tok.kind == .error, let lexError { return ParseFailure(prefixed(lexError)) }
        return ParseFailure(kind: kind, message: messagePrefix + message, span: span, source: source)
    }

    func prefixed(_ d: Diagnostic) -> Diagnostic {
        guard !messagePrefix.isEmpty, !d.message.hasPrefix(messagePrefix) else { return d }
        var d = d
        d.message = messagePrefix + d.message
        if d.kind == .unexpectedEOF { d.kind = .syntax }
        return d
    }

    func isAtStatementEnd() -> Bool {
        switch kind {
        case .newline, .semi, .endOfFile: true
        default: false
        }
    }

    // MARK: - Module and blocks

    mutating func parseModule() throws(ParseFailure) -> [Stmt] {
        var body: [Stmt] = []
        while !at(.endOfFile) {
            if at(.newline) {
                advance()
                continue
            }
            body += try parseStatement()
        }
        return body
    }

    /// Parses a block after its header's `:`: either simple statements on the same line or an
    /// indented suite. `what` names the header for "expected an indented block after ...".
    mutating func parseBlock(_ what: String, headerLine: Int) throws(ParseFailure) -> [Stmt] {
        guard at(.newline) else { return try parseSimpleStatements() }
        advance()
        guard at(.indent) else {
            if at(.error) { throw unexpected() }
            let message = "expected an indented block after \(what) on line \(headerLine)"
            if at(.endOfFile) {
                throw ParseFailure(kind: .unexpectedEOF, message: message, span: Span(start: lastEnd, end: lastEnd),
                                 source: source, showsCaret: true, isIndentationAtEOF: true)
            }
            throw error(message, tok.span, kind: .indentation)
        }
        advance()
        var body: [Stmt] = []
        while !at(.dedent) && !at(.endOfFile) {
            if at(.error) { throw unexpected() }
            body += try parseStatement()
        }
        _ = eat(.dedent)
        return body
    }

    mutating func expectColon() throws(ParseFailure) {
        try expect(.colon, "expected ':'")
    }

    func blockEnd(_ body: [Stmt], _ fallback: Int) -> Int {
        body.last?.span.end ?? fallback
    }

    // MARK: - Statements

    mutating func parseStatement() throws(ParseFailure) -> [Stmt] {
        switch kind {
        case .kwDef: return [try parseFunctionDef(decorators: [])]
        case .kwClass: return [try parseClassDef(decorators: [])]
        case .at: return [try parseDecorated()]
        case .kwIf: return [try parseIf()]
        case .kwWhile: return [try parseWhile()]
        case .kwFor: return [try parseFor()]
        case .kwTry: return [try parseTry()]
        case .kwWith: return [try parseWith()]
        case .indent: throw unexpected()
        default: return try parseSimpleStatements()
        }
    }

    /// `small (; small)* [;] NEWLINE`
    mutating func parseSimpleStatements() throws(ParseFailure) -> [Stmt] {
        var out = [try parseSimpleStatement()]
        while eat(.semi) {
            if at(.newline) { break }
            out.append(try parseSimpleStatement())
        }
        guard at(.newline) else { throw unexpected() }
        advance()
        return out
    }

    mutating func parseSimpleStatement() throws(ParseFailure) -> Stmt {
        let start = tok.start
        switch kind {
        case .kwPass:
            advance()
            return Stmt(.pass, Span(start: start, end: lastEnd))
        case .kwBreak:
            advance()
            return Stmt(.break, Span(start: start, end: lastEnd))
        case .kwContinue:
            advance()
            return Stmt(.continue, Span(start: start, end: lastEnd))
        case .kwReturn:
            advance()
            let value: Expr? = isAtStatementEnd() ? nil : try parseStarExpressions()
            return Stmt(.return(value), Span(start: start, end: lastEnd))
        case .kwRaise:
            advance()
            var exception: Expr?
            var cause: Expr?
            if !isAtStatementEnd() {
                exception = try parseTest()
                if eat(.kwFrom) { cause = try parseTest() }
            }
            return Stmt(.raise(exception, cause), Span(start: start, end: lastEnd))
        case .kwGlobal, .kwNonlocal:
            let isGlobal = at(.kwGlobal)
            advance()
            var names = [text(try expect(.name))]
            while eat(.comma) { names.append(text(try expect(.name))) }
            return Stmt(isGlobal ? .global(names) : .nonlocal(names), Span(start: start, end: lastEnd))
        case .kwDel:
            advance()
            let (targets, _) = try parseTargetList()
            for target in targets { try checkTarget(target, context: .delete) }
            return Stmt(.del(targets), Span(start: start, end: lastEnd))
        case .kwAssert:
            advance()
            let test = try parseTest()
            let message: Expr? = eat(.comma) ? try parseTest() : nil
            return Stmt(.assert(test, message), Span(start: start, end: lastEnd))
        case .kwImport:
            return try parseImport()
        case .kwFrom:
            return try parseFromImport()
        default:
            return try parseExpressionStatement()
        }
    }

    mutating func parseExpressionStatement() throws(ParseFailure) -> Stmt {
        let start = tok.start
        let first = try parseStarExpressions()
        if at(.equal) {
            var items = [first]
            while eat(.equal) { items.append(try parseStarExpressions()) }
            let value = items.removeLast()
            for target in items {
                try checkTarget(target, context: .assign(single: items.count == 1))
            }
            return Stmt(.assign(items, value), Span(start: start, end: lastEnd))
        }
        if let op = augmentedOperator(kind) {
            try checkAugmentedTarget(first)
            advance()
            let value = try parseStarExpressions()
            return Stmt(.augAssign(first, op, value), Span(start: start, end: lastEnd))
        }
        if at(.colon) {
            try checkAnnotationTarget(first)
            advance()
            let annotation = try parseTest()
            let value: Expr? = eat(.equal) ? try parseStarExpressions() : nil
            return Stmt(.annAssign(first, annotation, value), Span(start: start, end: lastEnd))
        }
        return Stmt(.expr(first), first.span)
    }

    func augmentedOperator(_ k: TokenKind) -> BinaryOp? {
        switch k {
        case .plusEqual: .add
        case .minusEqual: .sub
        case .starEqual: .mul
        case .slashEqual: .div
        case .doubleSlashEqual: .floorDiv
        case .percentEqual: .mod
        case .doubleStarEqual: .pow
        case .atEqual: .matMul
        case .vbarEqual: .bitOr
        case .amperEqual: .bitAnd
        case .circumflexEqual: .bitXor
        case .leftShiftEqual: .lshift
        case .rightShiftEqual: .rshift
        default: nil
        }
    }

    mutating func parseDottedName() throws(ParseFailure) -> String {
        var name = text(try expect(.name))
        while at(.dot) && peek().kind == .name {
            advance()
            name += "." + text(advance())
        }
        return name
    }

    mutating func parseImport() throws(ParseFailure) -> Stmt {
        let start = advance().start
        var names: [ImportName] = []
        repeat {
            let nameStart = tok.start
            let name = try parseDottedName()
            let asName: String? = eat(.kwAs) ? text(try expect(.name)) : nil
            names.append(ImportName(name: name, asName: asName, span: Span(start: nameStart, end: lastEnd)))
        } while eat(.comma)
        return Stmt(.import(names), Span(start: start, end: lastEnd))
    }

    mutating func parseFromImport() throws(ParseFailure) -> Stmt {
        let start = advance().start
        var level = 0
        while true {
            if eat(.dot) { level += 1 } else if eat(.ellipsis) { level += 3 } else { break }
        }
        let module = (level == 0 || at(.name)) ? try parseDottedName() : ""
        try expect(.kwImport)
        var names: [ImportName] = []
        if at(.star) {
            let star = advance()
            names.append(ImportName(name: "*", asName: nil, span: star.span))
        } else {
            let parenthesized = eat(.lpar)
            while true {
                let nameToken = try expect(.name)
                let asName: String? = eat(.kwAs) ? text(try expect(.name)) : nil
                names.append(ImportName(name: text(nameToken), asName: asName, span: Span(start: nameToken.start, end: lastEnd)))
                guard at(.comma) else { break }
                let comma = advance()
                if parenthesized && at(.rpar) { break }
                if !parenthesized && isAtStatementEnd() {
                    throw error("trailing comma not allowed without surrounding parentheses", comma.span)
                }
            }
            if parenthesized { try expect(.rpar) }
        }
        return Stmt(.importFrom(module, names, level), Span(start: start, end: lastEnd))
    }

    // MARK: - Compound statements

    mutating func parseDecorated() throws(ParseFailure) -> Stmt {
        var decorators: [Expr] = []
        while at(.at) {
            advance()
            decorators.append(try parseNamedExpression())
            try expect(.newline)
        }
        switch kind {
        case .kwDef: return try parseFunctionDef(decorators: decorators)
        case .kwClass: return try parseClassDef(decorators: decorators)
        case .endOfFile:
            throw ParseFailure(kind: .unexpectedEOF, message: "invalid syntax", span: Span(start: lastEnd, end: lastEnd),
                             source: source)
        default: throw unexpected()
        }
    }

    mutating func parseFunctionDef(decorators: [Expr]) throws(ParseFailure) -> Stmt {
        let defToken = advance()
        let name = text(try expect(.name))
        try expect(.lpar, "expected '('")
        let parameters = try parseParameters(closing: .rpar, annotations: true)
        try expect(.rpar)
        let returns: Expr? = eat(.rarrow) ? try parseTest() : nil
        let headerSpan = Span(start: defToken.start, end: lastEnd)
        try expectColon()
        let body = try parseBlock("function definition", headerLine: line(defToken))
        let def = FunctionDef(name: name, parameters: parameters, body: body, decorators: decorators, returns: returns,
                              headerSpan: headerSpan)
        return Stmt(.def(def), Span(start: defToken.start, end: blockEnd(body, lastEnd)))
    }

    mutating func parseClassDef(decorators: [Expr]) throws(ParseFailure) -> Stmt {
        let classToken = advance()
        let name = text(try expect(.name))
        var bases: [Argument] = []
        if at(.lpar) {
            let open = advance()
            bases = try parseArguments(open: open)
        }
        try expectColon()
        let body = try parseBlock("class definition", headerLine: line(classToken))
        let classDef = ClassDef(name: name, bases: bases, body: body, decorators: decorators)
        return Stmt(.class(classDef), Span(start: classToken.start, end: blockEnd(body, lastEnd)))
    }

    /// `if`/`elif`/`else`, built without recursion so long `elif` chains cannot exhaust the stack.
    mutating func parseIf() throws(ParseFailure) -> Stmt {
        var branches: [(start: Int, test: Expr, body: [Stmt])] = []
        var orelse: [Stmt] = []
        repeat {
            let keyword = advance()
            let test = try parseNamedExpression()
            try expectColon()
            let what = keyword.kind == .kwIf ? "'if' statement" : "'elif' statement"
            let body = try parseBlock(what, headerLine: line(keyword))
            branches.append((keyword.start, test, body))
        } while at(.kwElif)
        if at(.kwElse) {
            let keyword = advance()
            try expectColon()
            orelse = try parseBlock("'else' statement", headerLine: line(keyword))
        }
        var end = blockEnd(orelse, lastEnd)
        var result: Stmt?
        for branch in branches.reversed() {
            if let inner = result { orelse = [inner] }
            end = max(end, blockEnd(branch.body, end))
            result = Stmt(.if(branch.test, branch.body, orelse), Span(start: branch.start, end: end))
        }
        guard let result else { preconditionFailure("an if statement has at least one branch") }
        return result
    }

    mutating func parseElse() throws(ParseFailure) -> [Stmt] {
        guard at(.kwElse) else { return [] }
        let keyword = advance()
        try expectColon()
        return try parseBlock("'else' statement", headerLine: line(keyword))
    }

    mutating func parseWhile() throws(ParseFailure) -> Stmt {
        let keyword = advance()
        let test = try parseNamedExpression()
        try expectColon()
        let body = try parseBlock("'while' statement", headerLine: line(keyword))
        let orelse = try parseElse()
        return Stmt(.while(test, body, orelse), Span(start: keyword.start, end: blockEnd(orelse, blockEnd(body, lastEnd))))
    }

    mutating func parseFor() throws(ParseFailure) -> Stmt {
        let keyword = advance()
        let (targets, isTuple) = try parseTargetList()
        let target = isTuple ? tupleOf(targets) : targets[0]
        try expect(.kwIn)
        try checkTarget(target, context: .bind)
        let iter = try parseStarExpressions()
        try expectColon()
        let body = try parseBlock("'for' statement", headerLine: line(keyword))
        let orelse = try parseElse()
        return Stmt(.for(target, iter, body, orelse), Span(start: keyword.start, end: blockEnd(orelse, blockEnd(body, lastEnd))))
    }

    mutating func parseTry() throws(ParseFailure) -> Stmt {
        let keyword = advance()
        try expectColon()
        let body = try parseBlock("'try' statement", headerLine: line(keyword))
        var handlers: [ExceptHandler] = []
        while at(.kwExcept) {
            let exceptToken = advance()
            var type: Expr?
            var name: String?
            if !at(.colon) {
                type = try parseTest()
                if at(.comma), let first = type {
                    _ = try parseStarExpressionsContinuing(first)
                    throw error("multiple exception types must be parenthesized", Span(start: first.span.start, end: lastEnd))
                }
                if eat(.kwAs) { name = text(try expect(.name)) }
            }
            try expectColon()
            let handlerBody = try parseBlock("'except' statement", headerLine: line(exceptToken))
            handlers.append(ExceptHandler(type: type, name: name, body: handlerBody,
                                          span: Span(start: exceptToken.start, end: blockEnd(handlerBody, lastEnd))))
        }
        for handler in handlers.dropLast() where handler.type == nil {
            throw ParseFailure(kind: .syntax, message: "default 'except:' must be last", span: handler.span, source: source)
        }
        let orelse = handlers.isEmpty ? [] : try parseElse()
        var finalBody: [Stmt] = []
        if at(.kwFinally) {
            let finallyToken = advance()
            try expectColon()
            finalBody = try parseBlock("'finally' statement", headerLine: line(finallyToken))
        }
        if handlers.isEmpty && finalBody.isEmpty {
            throw error("expected 'except' or 'finally' block", tok.span)
        }
        let end = blockEnd(finalBody, blockEnd(orelse, handlers.last?.span.end ?? blockEnd(body, lastEnd)))
        return Stmt(.try(body, handlers, orelse, finalBody), Span(start: keyword.start, end: end))
    }

    mutating func parseWith() throws(ParseFailure) -> Stmt {
        let keyword = advance()
        var items: [WithItem] = []
        if at(.lpar) {
            // `with (a as b, c):` — try the parenthesized form, fall back to an expression in parens.
            let saved = (pos, lastEnd)
            do {
                advance()
                var parsed: [WithItem] = []
                while !at(.rpar) {
                    parsed.append(try parseWithItem())
                    if !eat(.comma) { break }
                }
                try expect(.rpar)
                guard at(.colon) else { throw unexpected() }
                items = parsed
            } catch {
                (pos, lastEnd) = saved
                items = []
            }
        }
        if items.isEmpty {
            repeat { items.append(try parseWithItem()) } while eat(.comma)
        }
        try expectColon()
        let body = try parseBlock("'with' statement", headerLine: line(keyword))
        return Stmt(.with(items, body), Span(start: keyword.start, end: blockEnd(body, lastEnd)))
    }

    mutating func parseWithItem() throws(ParseFailure) -> WithItem {
        let context = try parseTest()
        guard eat(.kwAs) else { return WithItem(context: context, target: nil) }
        let target = at(.star) ? try parseStarredBitwiseOr() : try parseBitwiseOr()
        try checkTarget(target, context: .bind)
        return WithItem(context: context, target: target)
    }
}
