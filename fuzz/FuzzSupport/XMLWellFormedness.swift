/// Whether text is well-formed XML in the subset diary writes (MathML, SVG): elements
/// with quoted attributes, the five predefined entities and numeric references, no
/// characters XML 1.0 forbids, every tag closed in order. Small and strict, so that the
/// fuzzers and the tests can check every formula without an XML library.
public enum XMLWellFormedness {
    public static func problem(in text: String) -> String? {
        let bytes = Array(text.utf8)
        var stack: [ArraySlice<UInt8>] = []
        var i = 0
        func isNameByte(_ byte: UInt8) -> Bool {
            (byte | 0x20) >= 97 && (byte | 0x20) <= 122 || (byte >= 48 && byte <= 57) || byte == 45 || byte == 58 || byte == 95 || byte >= 0x80
        }
        func entity(at start: Int) -> Int? {
            var end = start + 1
            while end < bytes.count, end - start < 12, bytes[end] != UInt8(ascii: ";") { end += 1 }
            guard end < bytes.count, bytes[end] == UInt8(ascii: ";") else { return nil }
            let name = String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
            if ["amp", "lt", "gt", "quot", "apos"].contains(name) { return end + 1 }
            if name.hasPrefix("#x"), name.count > 2, UInt32(name.dropFirst(2), radix: 16) != nil { return end + 1 }
            if name.hasPrefix("#"), name.count > 1, UInt32(name.dropFirst()) != nil { return end + 1 }
            return nil
        }
        while i < bytes.count {
            let byte = bytes[i]
            if byte < 0x20, byte != 9, byte != 10, byte != 13 { return "control character \(byte) at \(i)" }
            if byte == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBF, bytes[i + 2] >= 0xBE { return "U+FFFE or U+FFFF at \(i)" }
            if byte == UInt8(ascii: "&") {
                guard let next = entity(at: i) else { return "bare '&' at \(i)" }
                i = next
                continue
            }
            if byte == UInt8(ascii: ">") { return "bare '>' at \(i)" }
            guard byte == UInt8(ascii: "<") else { i += 1; continue }
            if bytes[i...].starts(with: "<!--".utf8) {
                // A comment: anything up to `-->`.
                var end = i + 4
                while end + 2 < bytes.count, !(bytes[end] == 45 && bytes[end + 1] == 45 && bytes[end + 2] == 62) { end += 1 }
                guard end + 2 < bytes.count else { return "unfinished comment at \(i)" }
                i = end + 3
                continue
            }
            let closing = i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "/")
            var j = i + (closing ? 2 : 1)
            let nameStart = j
            while j < bytes.count, isNameByte(bytes[j]) { j += 1 }
            guard j > nameStart else { return "a '<' without a name at \(i)" }
            let name = bytes[nameStart..<j]
            if closing {
                guard j < bytes.count, bytes[j] == UInt8(ascii: ">") else { return "unfinished closing tag at \(i)" }
                guard let open = stack.popLast(), open.elementsEqual(name) else { return "mismatched closing tag at \(i)" }
                i = j + 1
                continue
            }
            // Attributes: name="value" with the value's own text checked.
            while true {
                while j < bytes.count, bytes[j] == 32 || bytes[j] == 9 || bytes[j] == 10 || bytes[j] == 13 { j += 1 }
                guard j < bytes.count else { return "unfinished tag at \(i)" }
                if bytes[j] == UInt8(ascii: ">") { stack.append(name); j += 1; break }
                if bytes[j] == UInt8(ascii: "/"), j + 1 < bytes.count, bytes[j + 1] == UInt8(ascii: ">") { j += 2; break }
                let attributeStart = j
                while j < bytes.count, isNameByte(bytes[j]) { j += 1 }
                guard j > attributeStart, j + 1 < bytes.count, bytes[j] == UInt8(ascii: "="),
                      bytes[j + 1] == UInt8(ascii: "\"") || bytes[j + 1] == UInt8(ascii: "'") else { return "malformed attribute at \(j)" }
                let quote = bytes[j + 1]
                j += 2
                while j < bytes.count, bytes[j] != quote {
                    if bytes[j] == UInt8(ascii: "<") { return "'<' in an attribute at \(j)" }
                    if bytes[j] < 0x20, bytes[j] != 9, bytes[j] != 10, bytes[j] != 13 { return "control character in an attribute at \(j)" }
                    if bytes[j] == UInt8(ascii: "&") {
                        guard let next = entity(at: j) else { return "bare '&' in an attribute at \(j)" }
                        j = next
                        continue
                    }
                    j += 1
                }
                guard j < bytes.count else { return "unfinished attribute at \(attributeStart)" }
                j += 1
            }
            i = j
        }
        return stack.isEmpty ? nil : "unclosed element <\(String(decoding: stack[stack.count - 1], as: UTF8.self))>"
    }
}
