import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `diary new`: today's note, from `templates/note.md`.
public struct NewNote: Sendable {
    /// The built-in note template.
    static let builtInTemplate = String(decoding: PackageResources.note_md, as: UTF8.self)

    public var title: String
    public var date: CalendarDate

    public init(title: String, date: CalendarDate) {
        self.title = title
        self.date = date
    }

    /// `YYYY-MM-DD-slug.md`, the slug made of the title's letters and digits.
    public var fileName: String {
        let slug = Self.slug(title)
        return date.description + (slug.isEmpty ? "" : "-" + slug) + ".md"
    }

    static func slug(_ title: String) -> String {
        var slug = ""
        for scalar in title.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return String(slug.prefix(60))
    }

    /// The template with `{{title}}` and `{{date}}` filled in; every other `{{ }}` is
    /// left for `diary render`.
    public func text(template: String?) -> String {
        let quoted = title.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return (template ?? Self.builtInTemplate)
            .replacingOccurrences(of: "\"{{title}}\"", with: "\"" + quoted + "\"")
            .replacingOccurrences(of: "{{title}}", with: title)
            .replacingOccurrences(of: "{{date}}", with: date.description)
    }

    /// Writes the note into `folder`; never replaces an existing file.
    public func write(into folder: String, template: String?) throws(UsageError) -> String {
        let path = (folder as NSString).appendingPathComponent(fileName)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw UsageError("cannot create \(folder): \(error.localizedDescription)")
        }
        // O_EXCL: the check and the creation are one step, so nothing is ever overwritten.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            throw UsageError(errno == EEXIST ? "\(path) already exists; diary new never overwrites a note" : "cannot create \(path)")
        }
        let complete = writeAll(descriptor, Array(text(template: template).utf8))
        close(descriptor)
        guard complete else { throw UsageError("cannot write \(path)") }
        return path
    }
}

/// At file scope, where `write` is the system call and not ``NewNote/write(into:template:)``.
private func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) == $0.count }
}
