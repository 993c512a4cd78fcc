import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program and collects its standard output, through `posix_spawn`: a few hundred
/// microseconds, where Foundation's `Process` takes milliseconds (its run loop and
/// threads), which a one-note cron run would notice.
enum Subprocess {
    private static let spawning = NSLock()

    /// The output of `arguments` (found on `PATH`), or nil when it cannot start or exits
    /// with a status other than 0. Its standard error goes nowhere.
    static func output(_ arguments: [String], environment: [String: String]) -> [UInt8]? {
        #if canImport(Glibc)
        var ends: [Int32] = [0, 0]
        // Notes render in parallel: a child spawned meanwhile must not inherit this pipe's
        // writer, or the read below would wait for that child's end too. The pipe is
        // close-on-exec (dup2 onto standard output clears the flag for the child's copy),
        // and made under a lock until its writer is closed here, since Glibc's module has
        // no pipe2 to make it so at once.
        guard !arguments.isEmpty else { return nil }
        spawning.lock()
        guard pipe(&ends) == 0 else {
            spawning.unlock()
            return nil
        }
        let (reader, writer) = (ends[0], ends[1])
        defer { close(reader) }
        _ = fcntl(reader, F_SETFD, FD_CLOEXEC)
        _ = fcntl(writer, F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, writer, 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let spawned = posix_spawnp(&child, arguments[0], &actions, nil, argv, envp)
        close(writer)
        spawning.unlock()
        guard spawned == 0 else { return nil }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(reader, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            output += buffer[0..<count]
        }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0, errno == EINTR {}
        // Exited normally (low 7 bits 0) with status 0.
        guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else { return nil }
        return output
        #else
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? Array(data) : nil
        #endif
    }
}
