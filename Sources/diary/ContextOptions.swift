import ArgumentParser
import DiaryKit

/// Options every command that evaluates notes shares.
struct ContextOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Fix today's date, for reproducible builds.", valueName: "YYYY-MM-DD"))
    var today: String?

    @Option(name: .long, help: ArgumentHelp("IANA time zone for dates and counters (default: config, then TZ, then UTC).", valueName: "tz"))
    var timezone: String?

    @Option(name: .long, help: ArgumentHelp("Config file (default: ./diary.yml when present).", valueName: "file"))
    var config: String?

    func validate() throws { try check(templates: nil) }

    /// Bad usage of these options (and of `--templates`, for the commands that have it): an
    /// error while arguments are validated, shown with the command's usage.
    func check(templates: String?) throws {
        var settings = settings
        settings.templatesDirectory = templates
        do { try settings.checkUsage() } catch { throw ValidationError(error.description) }
    }

    var settings: RunSettings {
        var settings = RunSettings()
        settings.configPath = config
        settings.timeZoneName = timezone
        settings.today = today
        return settings
    }
}
