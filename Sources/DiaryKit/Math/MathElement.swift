import Calc

/// One atom of a math row: a piece of MathML and its TeX class, which decides spacing.
struct TeXAtom: Sendable {
    enum Kind: Sendable, Equatable {
        case ordinary, largeOperator, binary, relation, open, close, punctuation
    }

    var kind: Kind
    var element: MathElement
    /// Limits go under and over in display style (`\sum`, `\lim`, `\operatorname*`).
    var limits = false
    /// A function name (`\log`): an invisible function application and a thin space follow.
    var isFunction = false
    /// Starts with a delimiter (`\left(`, a pmatrix): no thin space after a function name.
    var opensWithFence = false
}

/// MathML markup as a tree, serialised by ``markup``.
indirect enum MathElement: Sendable {
    /// `mi`, `mn`, `mo`, `mtext`, `mspace` with text and attributes.
    case token(String, String, [(String, String)])
    case node(String, [(String, String)], [MathElement])
    /// A row of atoms: spacing adjustments are applied when it is serialised.
    case row([TeXAtom])

    static func mo(_ text: String, _ attributes: [(String, String)] = []) -> MathElement { .token("mo", text, attributes) }
    static func mi(_ text: String, _ attributes: [(String, String)] = []) -> MathElement { .token("mi", text, attributes) }
    static func space(_ em: Double) -> MathElement { .token("mspace", "", [("width", Self.em(em))]) }

    static func em(_ value: Double) -> String {
        NumberFormat.trimmed(value, digits: 4) + "em"
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
        }
    }

    /// TeX's spacing in MathML Core terms (as Temml does it): an operator at either end of
    /// a row gets no space; a binary operator where TeX would read it as unary (at the
    /// start, after a relation, an opening delimiter or punctuation) gets none; of two
    /// adjacent relations (`:=`) the first loses its right space and the second its left;
    /// a function name is followed by U+2061 and, before anything but a delimiter, a
    /// thin space.
    static func spaced(_ atoms: [TeXAtom]) -> [MathElement] {
        var result: [MathElement] = []
        for (index, atom) in atoms.enumerated() {
            var element = atom.element
            if case .token("mo", let text, var attributes) = element {
                let previous = index > 0 ? atoms[index - 1].kind : nil
                let next = index + 1 < atoms.count ? atoms[index + 1].kind : nil
                func set(_ name: String, _ value: String) {
                    attributes.removeAll { $0.0 == name }
                    attributes.append((name, value))
                }
                if index == 0 || index == atoms.count - 1 {
                    set("lspace", "0em")
                    set("rspace", "0em")
                }
                if atom.kind == .binary, previous == nil || [.binary, .relation, .open, .punctuation, .largeOperator].contains(previous) {
                    set("lspace", "0em")
                    set("rspace", "0em")
                }
                if atom.kind == .relation {
                    if next == .relation { set("rspace", "0em") }
                    if previous == .relation { set("lspace", "0em") }
                }
                element = .token("mo", text, attributes)
            }
            result.append(element)
            if atom.isFunction {
                result.append(.mo("\u{2061}"))
                if index + 1 < atoms.count, atoms[index + 1].kind != .open, !atoms[index + 1].opensWithFence {
                    result.append(.space(0.1667))
                }
            }
        }
        return result
    }
}
