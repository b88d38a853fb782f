import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An answer as a client reads it off the socket.
struct HTTPAnswer {
    var status: Int
    var headers: [String: String]
    var body: String
    /// The body as it came (a workbook is not text).
    var bytes: [UInt8] = []
    func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// A minimal HTTP/1.1 client on a raw socket, so a test can send exactly the bytes it means
/// (a foreign Host, no Origin, a slow header), which URLSession would not.
enum RawHTTP {
    /// `from`: the address the client speaks from (any of 127.0.0.0/8 is this machine: another client).
    static func connect(port: UInt16, timeout: Int = 15, from: String? = nil) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        if let from {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(from)
            let bound = withUnsafePointer(to: &local) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            if bound != 0 { close(fd); return nil }
        }
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var sin = sockaddr_in()
        sin.sin_family = sa_family_t(AF_INET)
        sin.sin_port = port.bigEndian
        sin.sin_addr.s_addr = inet_addr("127.0.0.1")
        let r = withUnsafePointer(to: &sin) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        if r != 0 { close(fd); return nil }
        return fd
    }

    static func write(_ fd: Int32, _ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
    }

    /// Reads until the server closes (every answer closes its connection).
    static func readAll(_ fd: Int32) -> HTTPAnswer? {
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { break }
            data += chunk[..<n]
        }
        return parse(data)
    }

    static func parse(_ data: [UInt8]) -> HTTPAnswer? {
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { return nil }
        let head = text[..<split.lowerBound].components(separatedBy: "\r\n")
        guard let statusLine = head.first, statusLine.hasPrefix("HTTP/1.1 "), let status = Int(statusLine.dropFirst(9).prefix(3)) else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let c = line.firstIndex(of: ":") else { continue }
            let k = line[..<c].lowercased(), v = line[line.index(after: c)...].trimmingCharacters(in: .whitespaces)
            headers[k] = headers[k].map { $0 + "\n" + v } ?? v
        }
        let blank: [UInt8] = [13, 10, 13, 10]
        let start = (0...(data.count - 4)).first { Array(data[$0..<$0 + 4]) == blank }.map { $0 + 4 } ?? data.count
        return HTTPAnswer(status: status, headers: headers, body: String(text[split.upperBound...]), bytes: Array(data[start...]))
    }

    /// One request; `host` is the Host header (the server's own by default).
    static func request(port: UInt16, _ method: String, _ target: String, host: String? = nil, headers: [String: String] = [:], body: String = "",
                        from: String? = nil, timeout: Int = 15) -> HTTPAnswer? {
        request(port: port, method, target, host: host, headers: headers, bytes: Array(body.utf8), from: from, timeout: timeout)
    }

    /// The same with a body of any bytes (a workbook uploaded); `from`: the address to connect from;
    /// `timeout`: how many seconds the answer may take.
    static func request(port: UInt16, _ method: String, _ target: String, host: String? = nil, headers: [String: String] = [:], bytes body: [UInt8],
                        from: String? = nil, timeout: Int = 15) -> HTTPAnswer? {
        guard let fd = connect(port: port, timeout: timeout, from: from) else { return nil }
        defer { close(fd) }
        // A POST with its own Content-Type and length (an upload) is named "PUT-AS-POST" by the caller.
        var head = "\(method == "PUT-AS-POST" ? "POST" : method) \(target) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\n"
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        if method == "POST" { head += "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.count)\r\n" }
        write(fd, Array((head + "\r\n").utf8) + body)
        return readAll(fd)
    }
}

extension RawHTTP {
    /// One request with a body of its own type, read up to its Content-Length (for a server that
    /// keeps connections open, as chromedriver does).
    static func exchange(port: UInt16, _ method: String, _ target: String, contentType: String, body: [UInt8], timeout: Int) -> HTTPAnswer? {
        guard let fd = connect(port: port, timeout: timeout) else { return nil }
        defer { close(fd) }
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if method != "GET" { head += "Content-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n" }
        write(fd, Array((head + "\r\n").utf8) + body)
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { break }
            data += chunk[..<n]
            if let answer = parse(data), let length = answer.header("content-length").flatMap({ Int($0) }),
               let split = data.firstRange(of: Array("\r\n\r\n".utf8)), data.count - split.upperBound >= length {
                return answer
            }
        }
        return parse(data)
    }
}
