import Diagnostics
import DiaryKit
import Foundation

/// Writing to the terminal.
enum Console {
    static func error(_ text: String, newline: Bool = true) {
        let line = !newline || text.hasSuffix("\n") ? text : text + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Prints the diagnostics of a run: errors always, warnings unless `quiet`.
    static func report(_ files: [FileDiagnostics], quiet: Bool) {
        for var file in files {
            if quiet { file.diagnostics.removeAll { $0.severity != .error } }
            if !file.diagnostics.isEmpty { error(file.rendered()) }
        }
    }
}
