import Foundation
import MentorSyncDomain
#if canImport(Glibc)
import Glibc
#endif

/// What a web application answers. `screen` sees the request line and headers only and may refuse
/// the request before its body is read (403 for a POST without its token, 413 is the server's).
public protocol HTTPHandler: Sendable {
    func screen(_ request: HTTPRequest) -> HTTPResponse?
    func respond(_ request: HTTPRequest) -> HTTPResponse
}

/// A small HTTP/1.1 server on plain sockets: one request per connection, a thread per connection
/// (bounded, and per client on a network address), every request bounded in header size, body size and time, so a slow or hostile
/// client holds one thread for at most `receiveSeconds` and never stops the others.
public final class HTTPServer: @unchecked Sendable {
    public struct Limits: Sendable {
        public var headerBytes = 16 * 1024
        public var bodyBytes = 10 * 1024 * 1024
        public var receiveSeconds: Double = 10
        public var connections = 512
        /// On a network address, what one client address may hold of them: a machine keeping
        /// connections open (slowloris) leaves room for every other (a browser opens about six).
        public var connectionsPerClient = 64
        public init() {}
    }

    /// The address listened on (with the port the kernel chose when 0 was asked).
    public private(set) var address: ListenAddress
    public let limits: Limits
    /// The language of the server's own refusals (too large, too slow, malformed).
    let language: Language
    private let handler: HTTPHandler
    private let socket: Int32
    private let lock = NSLock()
    private var active = 0
    /// Connections open per client address (IPv4, network byte order), on a network address only.
    private var activeFrom: [UInt32: Int] = [:]

    /// Binds and listens; throws a one-line error when the address cannot be used.
    public init(address: ListenAddress, handler: @escaping (ListenAddress) -> HTTPHandler, limits: Limits = Limits(), language: Language = .current) throws {
        self.address = address
        self.limits = limits
        self.language = language
        signal(SIGPIPE, SIG_IGN)
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw WebError(.webCannotListen(address.description, String(cString: strerror(errno)))) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var sin = sockaddr_in()
        sin.sin_family = sa_family_t(AF_INET)
        sin.sin_port = address.port.bigEndian
        sin.sin_addr.s_addr = address.ipv4
        let bound = withUnsafePointer(to: &sin) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 256) == 0 else {
            let code = errno
            close(fd)
            throw WebError(code == EADDRINUSE ? .webAddressInUse(address.description) : .webCannotListen(address.description, String(cString: strerror(code))))
        }
        socket = fd
        var bound_ = sockaddr_in()
        var size = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound_) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &size) } }
        let actual = address.on(port: UInt16(bigEndian: bound_.sin_port))
        self.address = actual
        self.handler = handler(actual)
    }

    /// Accepts connections on a thread of its own until the process ends.
    public func start() {
        let t = Thread { [self] in acceptLoop() }
        t.start()
    }

    private func acceptLoop() {
        while true {
            var from = sockaddr_in()
            var fromSize = socklen_t(MemoryLayout<sockaddr_in>.size)
            let client = withUnsafeMutablePointer(to: &from) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { accept(socket, $0, &fromSize) } }
            if client < 0 {
                if errno == EINTR || errno == ECONNABORTED || errno == EMFILE || errno == ENFILE { usleep(10_000); continue }
                return
            }
            let peer = from.sin_addr.s_addr
            // On a loopback address every client is this machine's: only the total is bounded.
            let counted = !address.isLoopback
            lock.lock()
            let fromPeer = counted ? activeFrom[peer, default: 0] : 0
            let admitted = active < limits.connections && fromPeer < limits.connectionsPerClient
            if admitted {
                active += 1
                if counted { activeFrom[peer] = fromPeer + 1 }
            }
            lock.unlock()
            guard admitted else {
                send(client, HTTPResponse.plain(503, Message.webBusy.text(language)).serialized())
                close(client)
                continue
            }
            let t = Thread { [self] in
                serve(client, peer: peer)
                close(client)
                lock.lock()
                active -= 1
                if counted { activeFrom[peer] = activeFrom[peer, default: 1] > 1 ? activeFrom[peer]! - 1 : nil }
                lock.unlock()
            }
            t.stackSize = 1 << 20
            t.start()
        }
    }

    /// Reads one request within the time limit, lets the handler screen it, reads the body, answers.
    private func serve(_ fd: Int32, peer: UInt32) {
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let deadline = Date().addingTimeInterval(limits.receiveSeconds)
        var buffer: [UInt8] = []
        var headEnd: Int?
        while headEnd == nil {
            guard buffer.count <= limits.headerBytes else { return send(fd, HTTPResponse.plain(431, Message.webHeadersTooLarge.text(language)).serialized()) }
            guard let chunk = receive(fd, deadline: deadline) else { return }
            let searchFrom = max(0, buffer.count - 3)
            buffer += chunk
            headEnd = Self.blankLine(in: buffer, from: searchFrom)
        }
        guard let end = headEnd, end <= limits.headerBytes else { return send(fd, HTTPResponse.plain(431, Message.webHeadersTooLarge.text(language)).serialized()) }
        guard var request = HTTPRequest.parseHead(Array(buffer[..<end])), request.header("transfer-encoding") == nil else {
            return send(fd, HTTPResponse.plain(400, Message.webMalformed.text(language)).serialized())
        }
        let lengthText = request.header("content-length") ?? "0"
        guard let length = Int(lengthText), length >= 0 else { return send(fd, HTTPResponse.plain(400, Message.webMalformed.text(language)).serialized()) }
        guard length <= limits.bodyBytes else { return send(fd, HTTPResponse.plain(413, Message.webUploadTooLarge.text(language)).serialized()) }
        if let refusal = handler.screen(request) { return send(fd, refusal.serialized()) }
        var body = Array(buffer[(end + 4)...].prefix(length))
        while body.count < length {
            guard let chunk = receive(fd, deadline: deadline) else { return }
            body += chunk.prefix(length - body.count)
        }
        request.body = body
        request.peer = peer
        send(fd, handler.respond(request).serialized())
    }

    /// The next bytes, or nil when the peer closed or the request's time is up.
    private func receive(_ fd: Int32, deadline: Date) -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while Date() < deadline {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n > 0 { return Array(chunk[..<n]) }
            if n == 0 { return nil }
            if errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR { return nil }
        }
        send(fd, HTTPResponse.plain(408, Message.webTooSlow.text(language)).serialized())
        return nil
    }

    private func send(_ fd: Int32, _ bytes: [UInt8]) {
        var sent = 0
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
    }

    static func blankLine(in b: [UInt8], from: Int) -> Int? {
        guard b.count >= 4 else { return nil }
        var i = from
        while i + 3 < b.count {
            if b[i] == 13, b[i + 1] == 10, b[i + 2] == 13, b[i + 3] == 10 { return i }
            i += 1
        }
        return nil
    }
}
