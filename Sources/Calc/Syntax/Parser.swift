import Diagnostics

/// A recursive-descent parser for the calc language.
///
/// Precedence, loosest first: `or`; `and`; `not`; comparisons; `+ -`; `* / @`; unary `-`;
/// `^` (also `**`, right-associative, its exponent may be negative: `2^-1`); indexing.
/// Nesting is bounded, so a pathological input is a located error, never a stack overflow.
public struct Parser {
    /// The deepest nesting of brackets, operators and blocks the parser accepts.
    public static let maxDepth = 200

    private let tokens: [Token]
    private var index = 0
    private var depth = 0

    private init(tokens: [Token]) { self.tokens = tokens }

    /// A whole cell: statements separated by newlines or `;`.
    public static func parseProgram(_ source: String) throws(Diagnostic) -> [Statement] {
        var parser = Parser(tokens: try Lexer.tokens(source))
        let statements = try parser.statements(until: nil)
        return statements
    }

    /// Exactly one expression (the inside of `{{ }}` or `diary eval`).
    public static func parseExpression(_ source: String) throws(Diagnostic) -> Expression {
        var parser = Parser(tokens: try Lexer.tokens(source))
        parser.skipSeparators()
        guard !parser.at(.end) else { throw .error("expected an expression", at: 0..<source.utf8.count) }
        let expression = try parser.expression()
        parser.skipSeparators()
        guard parser.at(.end) else {
            throw .error("unexpected \(parser.describe(parser.current)) after the expression", at: parser.current.range)
        }
        return expression
    }

    // MARK: Statements

    private mutating func statements(until closer: Token.Symbol?) throws(Diagnostic) -> [Statement] {
        var result: [Statement] = []
        while true {
            skipSeparators()
            if at(.end) {
                if closer != nil { throw .error("expected '}' to close the block", at: current.range) }
                return result
            }
            if let closer, at(.symbol(closer)) { return result }
            result.append(try statement())
            guard at(.separator) || at(.end) || (closer != nil && at(.symbol(.rightBrace))) else {
                throw .error("expected a new line or ';' after the statement, found \(describe(current))", at: current.range)
            }
        }
    }

    private mutating func statement() throws(Diagnostic) -> Statement {
        let start = current.range.lowerBound
        switch current.kind {
        case .keyword(.for):
            advance()
            guard case .name(let variable) = current.kind else {
                throw .error("expected a variable name after 'for'", at: current.range)
            }
            let variableRange = current.range
            advance()
            try expect(.keyword(.in), "expected 'in' after 'for \(variable)'")
            let sequence = try expression()
            let body = try block()
            return .forLoop(variable: variable, variableRange: variableRange, sequence: sequence, body: body,
                            start..<previousEnd)
        case .keyword(.if):
            return try ifStatement()
        case .keyword(.else):
            throw .error("'else' without an 'if'", at: current.range)
        case .name(let name) where peek(1).kind == .symbol(.assign):
            let nameRange = current.range
            advance()
            advance()
            return .assign(name: name, nameRange: nameRange, value: try expression())
        default:
            let expression = try self.expression()
            if at(.symbol(.assign)) {
                throw .error("only a name can be assigned to", at: expression.range, note: "write name = value")
            }
            return .expression(expression)
        }
    }

    private mutating func ifStatement() throws(Diagnostic) -> Statement {
        let start = current.range.lowerBound
        advance()
        let condition = try expression()
        let then = try block()
        // `else` may follow on the same line as `}` or on a later one.
        let save = index
        skipSeparators()
        guard at(.keyword(.else)) else {
            index = save
            return .ifElse(condition: condition, then: then, otherwise: nil, start..<previousEnd)
        }
        advance()
        let otherwise: [Statement]
        if at(.keyword(.if)) {
            otherwise = [try nested { (parser: inout Parser) throws(Diagnostic) in try parser.ifStatement() }]
        } else {
            otherwise = try block()
        }
        return .ifElse(condition: condition, then: then, otherwise: otherwise, start..<previousEnd)
    }

    private mutating func block() throws(Diagnostic) -> [Statement] {
        guard at(.symbol(.leftBrace)) else { throw .error("expected '{' to start a block", at: current.range) }
        advance()
        let body = try nested { (parser: inout Parser) throws(Diagnostic) in try parser.statements(until: .rightBrace) }
        advance() // }
        return body
    }

    // MARK: Expressions

    private mutating func expression() throws(Diagnostic) -> Expression {
        try nested { (parser: inout Parser) throws(Diagnostic) in try parser.or() }
    }

    private mutating func or() throws(Diagnostic) -> Expression {
        try leftAssociative({ (parser: inout Parser) throws(Diagnostic) in try parser.and() }) { $0 == .keyword(.or) ? .or : nil }
    }

    private mutating func and() throws(Diagnostic) -> Expression {
        try leftAssociative({ (parser: inout Parser) throws(Diagnostic) in try parser.not() }) { $0 == .keyword(.and) ? .and : nil }
    }

    private mutating func not() throws(Diagnostic) -> Expression {
        guard at(.keyword(.not)) else { return try comparison() }
        let start = current.range.lowerBound
        advance()
        let operand = try nested { (parser: inout Parser) throws(Diagnostic) in try parser.not() }
        return .unary(.not, operand, start..<operand.range.upperBound)
    }

    private static let comparisons: [Token.Symbol: BinaryOperator] = [
        .equal: .equal, .notEqual: .notEqual, .less: .less, .lessEqual: .lessEqual,
        .greater: .greater, .greaterEqual: .greaterEqual,
    ]

    private mutating func comparison() throws(Diagnostic) -> Expression {
        try leftAssociative({ (parser: inout Parser) throws(Diagnostic) in try parser.additive() }) { kind in
            if case .symbol(let symbol) = kind { Self.comparisons[symbol] } else { nil }
        }
    }

    private mutating func additive() throws(Diagnostic) -> Expression {
        try leftAssociative({ (parser: inout Parser) throws(Diagnostic) in try parser.multiplicative() }) { kind in
            switch kind {
            case .symbol(.plus): .add
            case .symbol(.minus): .subtract
            default: nil
            }
        }
    }

    private mutating func multiplicative() throws(Diagnostic) -> Expression {
        try leftAssociative({ (parser: inout Parser) throws(Diagnostic) in try parser.unary() }) { kind in
            switch kind {
            case .symbol(.star): .multiply
            case .symbol(.slash): .divide
            case .symbol(.at): .matmul
            default: nil
            }
        }
    }

    /// `operand (op operand)*`, built to the left. Each operator of the chain makes the tree
    /// one level deeper, so it counts against ``maxDepth`` like a bracket: evaluating
    /// `1 + 1 + … + 1` recurses once per `+`.
    private mutating func leftAssociative(_ operand: (inout Parser) throws(Diagnostic) -> Expression,
                                          _ binaryOperator: (Token.Kind) -> BinaryOperator?) throws(Diagnostic) -> Expression {
        var lhs = try operand(&self)
        var chained = 0
        defer { depth -= chained }
        while let op = binaryOperator(current.kind) {
            let range = current.range
            try deepen()
            chained += 1
            advance()
            let rhs = try operand(&self)
            lhs = .binary(op, lhs, rhs, operatorRange: range, lhs.range.lowerBound..<rhs.range.upperBound)
        }
        return lhs
    }

    private mutating func unary() throws(Diagnostic) -> Expression {
        guard at(.symbol(.minus)) else { return try power() }
        let start = current.range.lowerBound
        advance()
        let operand = try nested { (parser: inout Parser) throws(Diagnostic) in try parser.unary() }
        return .unary(.negate, operand, start..<operand.range.upperBound)
    }

    private mutating func power() throws(Diagnostic) -> Expression {
        let base = try postfix()
        guard at(.symbol(.caret)) || at(.symbol(.power)) else { return base }
        let range = current.range
        advance()
        let exponent = try nested { (parser: inout Parser) throws(Diagnostic) in try parser.unary() }
        return .binary(.power, base, exponent, operatorRange: range, base.range.lowerBound..<exponent.range.upperBound)
    }

    private mutating func postfix() throws(Diagnostic) -> Expression {
        var expression = try primary()
        // Each index of `x[0][0]…` nests the tree one level deeper, as an operator chain does.
        var chained = 0
        defer { depth -= chained }
        while at(.symbol(.leftBracket)) {
            try deepen()
            chained += 1
            advance()
            let items = try nested { (parser: inout Parser) throws(Diagnostic) in try parser.indexItems() }
            try expect(.symbol(.rightBracket), "expected ']' to close the index")
            expression = .index(expression, items, expression.range.lowerBound..<previousEnd)
        }
        return expression
    }

    private mutating func indexItems() throws(Diagnostic) -> [IndexItem] {
        var items: [IndexItem] = []
        repeat {
            if !items.isEmpty { advance() } // ,
            let start = current.range.lowerBound
            var bounds: [Expression?] = []
            var current: Expression? = startsExpression ? try expression() : nil
            var isSlice = false
            while at(.symbol(.colon)) {
                isSlice = true
                advance()
                bounds.append(current)
                current = startsExpression ? try expression() : nil
            }
            bounds.append(current)
            if isSlice {
                guard bounds.count <= 3 else { throw .error("a slice has at most start:stop:step", at: start..<previousEnd) }
                items.append(.slice(start: bounds[0], stop: bounds.count > 1 ? bounds[1] : nil,
                                    step: bounds.count > 2 ? bounds[2] : nil, start..<previousEnd))
            } else {
                guard let single = current else { throw .error("expected an index", at: self.current.range) }
                items.append(.single(single))
            }
        } while at(.symbol(.comma))
        return items
    }

    private var startsExpression: Bool {
        switch current.kind {
        case .symbol(.colon), .symbol(.comma), .symbol(.rightBracket), .separator, .end: return false
        default: return true
        }
    }

    private mutating func primary() throws(Diagnostic) -> Expression {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            return .number(value, token.range)
        case .string(let value):
            advance()
            return .string(value, token.range)
        case .keyword(.true), .keyword(.false):
            advance()
            return .bool(token.kind == .keyword(.true), token.range)
        case .keyword(.none):
            advance()
            return .none(token.range)
        case .name(let name):
            advance()
            guard at(.symbol(.leftParen)) else { return .name(name, token.range) }
            advance()
            let arguments = try nested { (parser: inout Parser) throws(Diagnostic) in try parser.arguments() }
            try expect(.symbol(.rightParen), "expected ')' to close the call of '\(name)'")
            return .call(name: name, nameRange: token.range, arguments: arguments, token.range.lowerBound..<previousEnd)
        case .symbol(.leftParen):
            advance()
            let inner = try expression()
            try expect(.symbol(.rightParen), "expected ')'")
            return inner
        case .symbol(.leftBracket):
            advance()
            var elements: [Expression] = []
            while !at(.symbol(.rightBracket)) {
                elements.append(try expression())
                guard at(.symbol(.comma)) else { break }
                advance()
            }
            try expect(.symbol(.rightBracket), "expected ']' to close the list")
            return .list(elements, token.range.lowerBound..<previousEnd)
        default:
            throw .error("expected an expression, found \(describe(token))", at: token.range)
        }
    }

    private mutating func arguments() throws(Diagnostic) -> [Argument] {
        var arguments: [Argument] = []
        while !at(.symbol(.rightParen)) {
            if case .name(let label) = current.kind, peek(1).kind == .symbol(.assign) {
                let labelRange = current.range
                advance()
                advance()
                if arguments.contains(where: { $0.label == label }) {
                    throw .error("argument '\(label)' is given twice", at: labelRange)
                }
                arguments.append(Argument(label: label, labelRange: labelRange, value: try expression()))
            } else {
                let value = try expression()
                if arguments.contains(where: { $0.label != nil }) {
                    throw .error("a positional argument cannot follow a named one", at: value.range)
                }
                arguments.append(Argument(label: nil, labelRange: nil, value: value))
            }
            guard at(.symbol(.comma)) else { break }
            advance()
        }
        return arguments
    }

    // MARK: Helpers

    private var current: Token { tokens[Swift.min(index, tokens.count - 1)] }
    private func peek(_ offset: Int) -> Token { tokens[Swift.min(index + offset, tokens.count - 1)] }
    private var previousEnd: Int { index > 0 ? tokens[index - 1].range.upperBound : 0 }
    private func at(_ kind: Token.Kind) -> Bool { current.kind == kind }
    private mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    private mutating func skipSeparators() {
        while at(.separator) { advance() }
    }

    private mutating func expect(_ kind: Token.Kind, _ message: String) throws(Diagnostic) {
        guard at(kind) else { throw .error(message + ", found \(describe(current))", at: current.range) }
        advance()
    }

    /// Runs `body` one nesting level deeper, failing beyond ``maxDepth``.
    private mutating func nested<T>(_ body: (inout Parser) throws(Diagnostic) -> T) throws(Diagnostic) -> T {
        try deepen()
        defer { depth -= 1 }
        return try body(&self)
    }

    /// One level deeper (the caller undoes it), failing beyond ``maxDepth``.
    private mutating func deepen() throws(Diagnostic) {
        depth += 1
        guard depth <= Self.maxDepth else {
            depth -= 1
            throw .error("the expression is nested too deeply (more than \(Self.maxDepth) levels of brackets, operators or indexing)",
                         at: current.range, note: "split it into several statements with names for the parts")
        }
    }

    private func describe(_ token: Token) -> String {
        switch token.kind {
        case .number: return "a number"
        case .string: return "a string"
        case .name(let name): return "'\(name)'"
        case .keyword(let keyword): return "'\(keyword.rawValue)'"
        case .symbol(let symbol): return "'\(symbol.rawValue)'"
        case .separator: return "the end of the line"
        case .comment: return "a comment"
        case .end: return "the end of the input"
        }
    }
}
