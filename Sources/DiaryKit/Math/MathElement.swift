import Calc

/// One atom of a math row: a piece of MathML and its TeX class, which decides spacing.
struct TeXAtom: Sendable {
    enum Kind: Sendable, Equatable {
        case ordinary, largeOperator, binary, relation, open, close, punctuation
    }

    var kind: Kind
    var element: MathElement
    /// Limits go under and over (`\sum` in display, `\underbrace` always).
    var limits = false
    /// A function name (`\log`): an invisible function application and a thin space follow.
    var isFunction = false
    /// Starts with a delimiter (`\left(`, a pmatrix): no thin space after a function name.
    var opensWithFence = false
    /// A space (`\,`, `\!`, `\quad`): invisible to the spacing rules of its neighbours, so
    /// that `=\!=` reads as two relations side by side.
    var isSpace = false
}

/// MathML markup as a tree, serialised by ``markup``.
indirect enum MathElement: Sendable {
    /// `mi`, `mn`, `mo`, `mtext`, `mspace` with text and attributes.
    case token(String, String, [(String, String)])
    case node(String, [(String, String)], [MathElement])
    /// A row of atoms: spacing adjustments are applied when it is serialised.
    case row([TeXAtom])
    /// Markup written as it is: a ``MathMarker`` (never text from the formula).
    case raw(String)

    static func mo(_ text: String, _ attributes: [(String, String)] = []) -> MathElement { .token("mo", text, attributes) }
    static func mi(_ text: String, _ attributes: [(String, String)] = []) -> MathElement { .token("mi", text, attributes) }

    /// A horizontal space. Chromium draws no negative `mspace`: a negative width (`\!`,
    /// `\kern-2mu`) is a negative margin instead.
    static func space(_ em: Double) -> MathElement {
        em < 0 ? .token("mspace", "", [("style", "margin-left:" + Self.em(em))]) : .token("mspace", "", [("width", Self.em(em))])
    }

    static func em(_ value: Double) -> String {
        // Four decimals at most, never scientific notation: CSS reads 1e-05em as nothing.
        abs(value) < 0.00005 ? "0em" : NumberFormat.trimmed(value, digits: 4) + "em"
    }

    /// The element as MathML text.
    var markup: String {
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        switch self {
        case let .token(tag, text, attributes):
            out += "<" + tag
            for (name, value) in attributes { out += " \(name)=\"\(Escaping.xml(value))\"" }
            if tag == "mspace" { out += "/>"; return }
            out += ">" + Escaping.xml(text) + "</" + tag + ">"
        case let .node(tag, attributes, children):
            out += "<" + tag
            for (name, value) in attributes { out += " \(name)=\"\(Escaping.xml(value))\"" }
            out += ">"
            for child in children { child.write(to: &out) }
            out += "</" + tag + ">"
        case .row(let atoms):
            let elements = Self.spaced(atoms)
            if elements.count == 1 {
                elements[0].write(to: &out)
            } else {
                out += "<mrow>"
                for element in elements { element.write(to: &out) }
                out += "</mrow>"
            }
        case .raw(let markup):
            out += markup
        }
    }

    /// Whether the element is a bare `mo`, whose own `lspace` and `rspace` give its spacing.
    private var isOperatorToken: Bool {
        if case .token("mo", _, _) = self { return true }
        return false
    }

    /// TeX's spacing between atom classes, in MathML Core terms (as Temml does it):
    /// - an operator at either end of a row gets no space;
    /// - a binary operator where TeX reads it as unary or as ordinary (at the start, after
    ///   a relation, an opening delimiter, punctuation or an operator; before a relation, a
    ///   closing delimiter, punctuation or the end) gets none;
    /// - an ordinary `mo` (`/`, `|`, `.`) gets none, whatever MathML's dictionary says;
    /// - of two adjacent relations (`:=`) the first loses its right space, the second its left;
    /// - an atom of class relation or binary that is not a bare `mo` (`\overset{?}{=}`,
    ///   `\mathrel{…}`) gets its spaces as `mspace`;
    /// - a function name gets a thin space before it after an ordinary atom or a closing
    ///   delimiter, and is followed by U+2061 and, before anything but a delimiter, a thin space.
    /// Spaces (`\,`, `\!`) are invisible to these rules.
    static func spaced(_ atoms: [TeXAtom]) -> [MathElement] {
        // For every atom, the visible atoms (not spaces) before and after it.
        let visible = atoms.indices.filter { !atoms[$0].isSpace }
        var before = [Int?](repeating: nil, count: atoms.count), after = [Int?](repeating: nil, count: atoms.count)
        for (position, index) in visible.enumerated() {
            before[index] = position > 0 ? visible[position - 1] : nil
            after[index] = position + 1 < visible.count ? visible[position + 1] : nil
        }
        var result: [MathElement] = []
        for (index, atom) in atoms.enumerated() {
            if atom.isSpace {
                result.append(atom.element)
                continue
            }
            let previous = before[index].map { atoms[$0].kind }, next = after[index].map { atoms[$0].kind }
            var kind = atom.kind
            if kind == .binary, previous == nil || [.binary, .relation, .open, .punctuation, .largeOperator].contains(previous)
                || next == nil || [.relation, .close, .punctuation].contains(next) {
                kind = .ordinary
            }
            var element = atom.element
            if case .token("mo", let text, var attributes) = element {
                func set(_ name: String, _ value: String) {
                    attributes.removeAll { $0.0 == name }
                    attributes.append((name, value))
                }
                if previous == nil || next == nil || kind == .ordinary {
                    set("lspace", "0em")
                    set("rspace", "0em")
                }
                if kind == .relation {
                    if next == .relation { set("rspace", "0em") }
                    if previous == .relation { set("lspace", "0em") }
                }
                element = .token("mo", text, attributes)
            } else if kind == .relation || kind == .binary, previous != nil, next != nil {
                // Not a bare `mo`: its class's spaces are written out.
                let width = kind == .relation ? 0.2778 : 0.2222
                let leading = !(kind == .relation && previous == .relation), trailing = !(kind == .relation && next == .relation)
                if leading { result.append(.space(width)) }
                result.append(element)
                if trailing { result.append(.space(width)) }
                continue
            }
            // A thin space before a function name, unless the function before it already
            // wrote one after itself (`\arg\max`).
            let afterFunction = before[index].map { atoms[$0].isFunction } ?? false
            if atom.isFunction, !element.isOperatorToken, !afterFunction, let previous, [.ordinary, .close, .largeOperator].contains(previous) {
                result.append(.space(0.1667))
            }
            result.append(element)
            if atom.isFunction {
                result.append(.mo("\u{2061}"))
                if index + 1 < atoms.count, atoms[index + 1].kind != .open, !atoms[index + 1].opensWithFence, !atoms[index + 1].isSpace {
                    result.append(.space(0.1667))
                }
            }
        }
        return result
    }
}
