import Diagnostics
import Foundation

/// The command-line choices of a run, turned into a ``NoteRenderer``: the config file is
/// read, the time zone and "today" resolved, the templates loaded.
public struct RunSettings: Sendable, Codable {
    public var configPath: String?
    public var timeZoneName: String?
    public var today: String?
    public var templatesDirectory: String?
    public var format: OutputFormat = .html
    public var environment: [String: String] = ProcessInfo.processInfo.environment
    /// Where `diary.yml` and `templates/` are looked for when not given.
    public var workingDirectory = FileManager.default.currentDirectoryPath

    public init() {}

    // The environment is not handed over (diary-serve inherits it), so nothing of it shows
    // in a process listing.
    private enum CodingKeys: String, CodingKey {
        case configPath, timeZoneName, today, templatesDirectory, format, workingDirectory
    }

    /// The config file a run reads: `--config`, else `diary.yml` in the working directory.
    public var configFile: String { configPath ?? workingDirectory + "/diary.yml" }

    /// The templates folder a run reads: `--templates`, else `templates/` in the working
    /// directory (when there is one).
    public var templatesFolder: String { templatesDirectory ?? workingDirectory + "/templates" }

    /// A problem with the run's own inputs: bad usage (exit 2) or a bad config or
    /// template file (exit 1, located).
    public enum Failure: Error, Sendable {
        case usage(UsageError)
        case file(FileDiagnostics)
    }

    /// Bad usage, found without reading any file: a config path that names no file, an
    /// unknown time zone, a bad `--today`, a templates path that is not a folder. Commands
    /// check it while their arguments are validated, so the error shows their usage.
    public func checkUsage() throws(UsageError) {
        try checkConfigOption()
        _ = try timeZoneOption()
        _ = try todayOption()
        _ = try templatesOption()
    }

    private func checkConfigOption() throws(UsageError) {
        guard let configPath else { return }
        var info = stat()
        guard stat(configPath, &info) == 0 else { throw UsageError("no such config file: \(configPath)") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw UsageError("--config must name a file, and \(configPath) is not one") }
    }

    private func timeZoneOption() throws(UsageError) -> TimeZone? {
        guard let name = timeZoneName else { return nil }
        guard let zone = TimeZone(identifier: name) else {
            throw UsageError("unknown time zone '\(name)' (use an IANA name such as Europe/Berlin or UTC)")
        }
        return zone
    }

    private func todayOption() throws(UsageError) -> CalendarDate? {
        guard let today else { return nil }
        guard let date = CalendarDate(parsing: today) else {
            throw UsageError("--today must be a valid date written YYYY-MM-DD, not '\(today)'")
        }
        return date
    }

    /// The templates folder to read: `--templates` (which must be a folder), else
    /// `templates/` in the working directory when there is one.
    private func templatesOption() throws(UsageError) -> String? {
        var isFolder: ObjCBool = false
        guard let given = templatesDirectory else {
            let local = workingDirectory + "/templates"
            guard FileManager.default.fileExists(atPath: local, isDirectory: &isFolder), isFolder.boolValue else { return nil }
            // Relative when it is the current folder's: a template's errors read `templates/page.mustache:3:1`.
            return workingDirectory == FileManager.default.currentDirectoryPath ? "templates" : local
        }
        guard FileManager.default.fileExists(atPath: given, isDirectory: &isFolder) else {
            throw UsageError("no such templates folder: \(given)")
        }
        guard isFolder.boolValue else { throw UsageError("--templates must name a folder, and \(given) is a file") }
        return given
    }

    public func loadConfig() throws(Failure) -> Config {
        let path: String
        if let configPath {
            path = configPath
            do { try checkConfigOption() } catch { throw .usage(error) }
        } else {
            path = workingDirectory + "/diary.yml"
            guard FileManager.default.fileExists(atPath: path) else { return Config() }
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .usage(UsageError("cannot read the config file \(path)"))
        }
        let shown = configPath ?? "diary.yml"
        guard let text = String(validating: data, as: UTF8.self) else {
            throw .file(FileDiagnostics(SourceFile(path: shown, text: ""), [.error("the file is not valid UTF-8", at: 0..<0)]))
        }
        do {
            return try Config(file: SourceFile(path: shown, text: text))
        } catch {
            throw .file(error)
        }
    }

    public func makeContext(config: Config) throws(Failure) -> RenderContext {
        let option: TimeZone?
        let given: CalendarDate?
        do {
            option = try timeZoneOption()
            given = try todayOption()
        } catch {
            throw .usage(error)
        }
        let timeZone = RenderContext.resolveTimeZone(option: option, config: config, environment: environment)
        let todayDate = given ?? RenderContext.currentDate(in: timeZone)
        // Git is asked lazily, only when a note uses DAYS_SINCE_REPO_START without config `repo_start`.
        return RenderContext(today: todayDate, timeZone: timeZone, config: config, repoStart: .git(timeZone: timeZone))
    }

    public func makeRenderer() throws(Failure) -> NoteRenderer {
        // Usage first: a templates path that is a file is wrong whatever the config holds.
        let directory: String?
        do { directory = try templatesOption() } catch { throw .usage(error) }
        let config = try loadConfig()
        let context = try makeContext(config: config)
        do {
            let writer: any OutputWriter = switch format {
            case .html: try HTMLSiteWriter(context: context, templates: try Templates(directory: directory), mathFont: MathFont.find())
            case .markdown: MarkdownWriter()
            }
            return NoteRenderer(context: context, writer: writer)
        } catch {
            throw .file(error)
        }
    }
}
