import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 client over a plain socket: requests are sent byte for byte as
/// written (a URL library would tidy `/%2e%2e/` away), and a stream can be read as it comes.
struct HTTPProbe {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    let port: UInt16

    /// One request with `Connection: close`; the whole response.
    func request(_ target: String, method: String = "GET", host: String = "127.0.0.1") throws -> Response {
        let socket = try connect()
        defer { close(socket) }
        try send(socket, "\(method) \(target) HTTP/1.1\r\nHost: \(host):\(port)\r\nConnection: close\r\n\r\n")
        let raw = read(socket, until: nil, timeout: 10)
        return try parse(raw)
    }

    /// Opens the event stream and reads until `marker` arrives (or `timeout` seconds pass);
    /// what was read.
    func stream(_ target: String, until marker: String, timeout: Double, afterOpening: () throws -> Void = {}) throws -> String {
        let socket = try connect()
        defer { close(socket) }
        try send(socket, "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n")
        let opening = read(socket, until: "event: hello", timeout: 5)
        try afterOpening()
        return opening + read(socket, until: marker, timeout: timeout)
    }

    private func connect() throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw ProbeError.connect }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socket)
            throw ProbeError.connect
        }
        return socket
    }

    private func send(_ socket: Int32, _ text: String) throws {
        let bytes = Array(text.utf8)
        guard bytes.withUnsafeBytes({ Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count else {
            throw ProbeError.send
        }
    }

    private func read(_ socket: Int32, until marker: String?, timeout: Double) -> String {
        var received: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while Date() < deadline {
            var request = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&request, 1, 100) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            received += buffer[0..<count]
            if let marker, String(decoding: received, as: UTF8.self).contains(marker) { break }
        }
        return String(decoding: received, as: UTF8.self)
    }

    private func parse(_ raw: String) throws -> Response {
        guard let split = raw.range(of: "\r\n\r\n") else { throw ProbeError.response(raw) }
        let lines = raw[..<split.lowerBound].components(separatedBy: "\r\n")
        let parts = lines.first?.split(separator: " ") ?? []
        guard parts.count >= 2, let status = Int(parts[1]) else { throw ProbeError.response(raw) }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: String(raw[split.upperBound...]))
    }

    enum ProbeError: Error { case connect, send, response(String) }
}
