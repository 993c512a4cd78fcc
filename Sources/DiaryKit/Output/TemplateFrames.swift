import Synchronization

/// Renders a template once per context *shape* and fills later contexts of that shape in
/// by substitution.
///
/// swift-mustache resolves every tag through several dynamic casts, about half a million
/// instructions for a page: a fifth of a note's whole render. Yet with no transforms and no
/// dynamic partials (the templates are checked for both), what a page renders depends on
/// its context's string *values* only through where they are inserted, escaped or not. So
/// the second context of each shape (keys, array lengths, booleans, numbers, which strings
/// are empty or end in a newline) is rendered with marker strings in place of its values;
/// the markers in that *frame* say where each value goes and whether it was escaped. The
/// frame is checked once against a direct render and dropped if they differ.
final class TemplateFrames: Sendable {
    private enum Entry {
        /// Seen once: a site of one page (the cron case) never pays for a frame.
        case seen
        case frame([Segment])
        /// This shape does not render faithfully through a frame.
        case direct
    }

    private enum Segment {
        case text([UInt8])
        case value(Int, escaped: Bool)
    }

    /// A site with more shapes than this (numbers that differ per note, say) renders
    /// directly beyond them rather than render every page twice.
    private static let capacity = 64

    private let entries = Mutex<[[UInt8]: Entry]>([:])

    /// How many shapes render through a frame (the rest render directly).
    var framedShapes: Int {
        entries.withLock { $0.values.filter { if case .frame = $0 { true } else { false } }.count }
    }

    /// `render` is the direct swift-mustache render of a context.
    func render(_ template: String, _ context: [String: TemplateValue],
                direct render: ([String: TemplateValue]) -> String) -> [UInt8] {
        var shape = Shape()
        shape.key.append(contentsOf: template.utf8)
        shape.read(context)
        let key = shape.key
        switch entries.withLock({ $0[key] }) {
        case .frame(let segments)?:
            return Self.fill(segments, with: shape.values)
        case .direct?:
            return Array(render(context).utf8)
        case nil:
            entries.withLock { if $0.count < Self.capacity { $0[key] = .seen } }
            return Array(render(context).utf8)
        case .seen?:
            let output = Array(render(context).utf8)
            let entry: Entry
            if let segments = Self.segments(of: render(Shape.marked(context)), values: shape.values),
               Self.fill(segments, with: shape.values) == output {
                entry = .frame(segments)
            } else {
                entry = .direct
            }
            entries.withLock { $0[key] = entry }
            return output
        }
    }

    private static func fill(_ segments: [Segment], with values: [Shape.Value]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(segments.reduce(0) { total, segment in
            switch segment {
            case .text(let bytes): total + bytes.count
            case .value(let index, _): total + values[index].count
            }
        } + 64)
        for segment in segments {
            switch segment {
            case .text(let bytes):
                out.append(contentsOf: bytes)
            case .value(let index, let escaped):
                switch (values[index], escaped) {
                case (.text(let text), false): out.appendUTF8(of: text)
                case (.text(let text), true): Escaping.append(text, to: &out, .apostrophe)
                case (.bytes(let bytes), false): out.append(contentsOf: bytes)
                case (.bytes(let bytes), true): Escaping.append(bytes, to: &out, .apostrophe)
                }
            }
        }
        return out
    }

    /// Splits a frame at its markers, or nil when a marker is malformed.
    private static func segments(of frame: String, values: [Shape.Value]) -> [Segment]? {
        let bytes = Array(frame.utf8)
        var segments: [Segment] = []
        var textStart = 0
        var index = 0
        func match(_ literal: [UInt8], at position: Int) -> Bool {
            position + literal.count <= bytes.count && bytes[position..<position + literal.count].elementsEqual(literal)
        }
        while index < bytes.count {
            guard match(Shape.open, at: index) else {
                index += 1
                continue
            }
            if textStart < index { segments.append(.text(Array(bytes[textStart..<index]))) }
            var position = index + Shape.open.count
            var number = 0
            var digits = 0
            while position < bytes.count, bytes[position] >= 48, bytes[position] <= 57, digits < 9 {
                number = number * 10 + Int(bytes[position] - 48)
                position += 1
                digits += 1
            }
            guard digits > 0, number < values.count else { return nil }
            let escaped: Bool
            if match(Array("&amp;".utf8), at: position) {
                escaped = true
                position += 5
            } else if match([38], at: position) {
                escaped = false
                position += 1
            } else {
                return nil
            }
            guard match(Shape.close, at: position) else { return nil }
            position += Shape.close.count
            if values[number].endsWithNewline {
                guard match([10], at: position) else { return nil }
                position += 1
            }
            segments.append(.value(number, escaped: escaped))
            index = position
            textStart = position
        }
        if textStart < bytes.count { segments.append(.text(Array(bytes[textStart...]))) }
        return segments
    }

    /// Whether templates with these sources can render through frames: no transforms
    /// (`{{lowercased(x)}}` depends on the value), no dynamic partials, no changed
    /// delimiters (which would hide both), and no marker characters of their own.
    static func allowed(forTemplates sources: [String]) -> Bool {
        for source in sources {
            if source.contains("{{=") || source.unicodeScalars.contains(where: { $0 == Shape.openScalar || $0 == Shape.closeScalar }) {
                return false
            }
            var rest = source[...]
            while let start = rest.range(of: "{{") {
                guard let end = rest[start.upperBound...].range(of: "}}") else { break }
                let tag = rest[start.upperBound..<end.lowerBound]
                if tag.contains("(") { return false }
                if tag.first == ">", tag.dropFirst().drop(while: { $0 == " " }).first == "*" { return false }
                rest = rest[end.upperBound...]
            }
        }
        return true
    }
}

/// A context reduced to what its rendering depends on (`key`: names, array lengths,
/// booleans, numbers, and whether each string is empty or ends in a newline) and its
/// string values; `marked` gives the same context with markers in place of the values.
private struct Shape {
    static let openScalar: Unicode.Scalar = "\u{F8FF}"
    static let closeScalar: Unicode.Scalar = "\u{F8FE}"
    static let open = Array(String(openScalar).utf8)
    static let close = Array(String(closeScalar).utf8)

    /// A string value, as text or as UTF-8 bytes.
    enum Value {
        case text(String)
        case bytes([UInt8])

        var count: Int {
            switch self {
            case .text(let text): text.utf8.count
            case .bytes(let bytes): bytes.count
            }
        }

        var endsWithNewline: Bool {
            switch self {
            case .text(let text): text.utf8.last == 10
            case .bytes(let bytes): bytes.last == 10
            }
        }
    }

    var key: [UInt8] = []
    var values: [Value] = []

    private static func marker(count: inout Int, newline: Bool) -> TemplateValue {
        count += 1
        return .string("\(openScalar)\(count - 1)&\(closeScalar)" + (newline ? "\n" : ""))
    }

    /// Reads the key and the values; cheap, because most pages only need these.
    mutating func read(_ context: [String: TemplateValue]) {
        key.append(UInt8(ascii: "{"))
        for name in context.keys.sorted() {
            // Length-prefixed, so that no name can imitate the structure around it.
            append(number: name.utf8.count)
            key.appendUTF8(of: name)
            if let value = context[name] { read(value) }
        }
        key.append(UInt8(ascii: "}"))
    }

    private mutating func read(_ value: TemplateValue) {
        switch value {
        case .string(let text):
            add(.text(text))
        case .utf8(let bytes):
            add(.bytes(bytes))
        case .bool(let flag):
            key.append(UInt8(ascii: flag ? "T" : "F"))
        case .int(let number):
            key.append(UInt8(ascii: "i"))
            append(number: number)
        case .double(let number):
            key.append(UInt8(ascii: "d"))
            key.appendUTF8(of: String(number))
            key.append(UInt8(ascii: ":"))
        case .list(let items):
            key.append(UInt8(ascii: "["))
            for item in items { read(item) }
            key.append(UInt8(ascii: "]"))
        case .map(let entries):
            read(entries)
        }
    }

    /// The context with the *n*th non-empty string (in the order `read` visits them)
    /// replaced by marker *n*.
    static func marked(_ context: [String: TemplateValue]) -> [String: TemplateValue] {
        var count = 0
        return marked(context, count: &count)
    }

    private static func marked(_ context: [String: TemplateValue], count: inout Int) -> [String: TemplateValue] {
        var result: [String: TemplateValue] = [:]
        for name in context.keys.sorted() {
            if let value = context[name] { result[name] = marked(value, count: &count) }
        }
        return result
    }

    private static func marked(_ value: TemplateValue, count: inout Int) -> TemplateValue {
        switch value {
        case .string(let text) where !text.isEmpty:
            return marker(count: &count, newline: text.utf8.last == 10)
        case .utf8(let bytes) where !bytes.isEmpty:
            return marker(count: &count, newline: bytes.last == 10)
        case .string, .utf8, .bool, .int, .double:
            return value
        case .list(let items):
            return .list(items.map { marked($0, count: &count) })
        case .map(let entries):
            return .map(marked(entries, count: &count))
        }
    }

    private mutating func add(_ value: Value) {
        guard value.count > 0 else {
            key.append(UInt8(ascii: "e"))
            return
        }
        // A trailing newline decides where a partial's indentation goes: the marker keeps it.
        key.append(UInt8(ascii: value.endsWithNewline ? "n" : "s"))
        values.append(value)
    }

    private mutating func append(number: Int) {
        key.appendUTF8(of: String(number))
        key.append(UInt8(ascii: ":"))
    }
}
