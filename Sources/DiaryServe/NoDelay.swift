import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns off Nagle's algorithm for the server's connections. FlyingFox writes a response's
/// header and body in separate sends; with Nagle on, the body's last segment waits for the
/// browser's delayed acknowledgement of the header, about 40 ms on every request of a
/// kept-alive connection. FlyingFox does not expose its listening socket, so this finds it
/// among the process's descriptors (a listening TCP socket on `port`) and sets
/// `TCP_NODELAY` there: Linux gives accepted connections the listening socket's setting.
enum NoDelay {
    static func apply(toListenerOn port: UInt16) {
        #if os(Linux)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
        for name in names {
            guard let descriptor = Int32(name), isListener(descriptor, port: port) else { continue }
            var on: Int32 = 1
            _ = setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        }
        #endif
    }

    #if os(Linux)
    private static func isListener(_ descriptor: Int32, port: UInt16) -> Bool {
        var listening: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_ACCEPTCONN, &listening, &length) == 0, listening != 0 else { return false }
        var address = sockaddr_storage()
        var size = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &size) }
        }
        guard named == 0 else { return false }
        switch Int32(address.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) } } == port
        case AF_INET6:
            return withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) } } == port
        default:
            return false
        }
    }
    #endif
}
