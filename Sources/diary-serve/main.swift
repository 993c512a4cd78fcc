import DiaryKit
import DiaryServe
import Foundation

// `diary serve` starts this program in its place, with its checked options as JSON.
guard CommandLine.arguments.count == 2,
      let options = try? JSONDecoder().decode(ServeOptions.self, from: Data(CommandLine.arguments[1].utf8)) else {
    FileHandle.standardError.write(Data("diary-serve is started by 'diary serve': run that instead (see diary serve --help)\n".utf8))
    exit(2)
}
exit(PreviewServer(options).run())
