import Diagnostics
import DiaryKit
import Foundation

/// Writing to the terminal.
enum Console {
    /// A line for the user on standard error: an error, a warning, a run's summary.
    static func message(_ text: String) {
        write(text.hasSuffix("\n") ? text : text + "\n", to: .standardError)
    }

    /// Terminal text on standard error without a line end (the progress line redraws itself).
    static func status(_ text: String) {
        write(text, to: .standardError)
    }

    /// The command's result on standard output.
    static func output(_ text: String) {
        write(text, to: .standardOutput)
    }

    /// Prints the diagnostics of a run: errors always, warnings unless `quiet`.
    static func report(_ files: [FileDiagnostics], quiet: Bool) {
        for var file in files {
            if quiet { file.diagnostics.removeAll { $0.severity != .error } }
            if !file.diagnostics.isEmpty { message(file.rendered()) }
        }
    }

    private static func write(_ text: String, to handle: FileHandle) {
        handle.write(Data(text.utf8))
    }
}
