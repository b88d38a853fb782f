import Foundation
import MentorSyncDomain
#if canImport(Glibc)
import Glibc
#endif

/// `HOST:PORT` as given to `web --listen`: an IPv4 address or `localhost`.
public struct ListenAddress: Sendable, CustomStringConvertible {
    public let host: String
    public let port: UInt16
    /// The address in network byte order.
    let ipv4: in_addr_t

    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]) else { return nil }
        var host = String(text[..<colon])
        if host == "localhost" { host = "127.0.0.1" }
        var addr = in_addr()
        guard inet_pton(AF_INET, host, &addr) == 1 else { return nil }
        self.host = host
        self.port = port
        self.ipv4 = addr.s_addr
    }

    private init(host: String, port: UInt16, ipv4: in_addr_t) { self.host = host; self.port = port; self.ipv4 = ipv4 }

    /// The same address on another port (the one the kernel chose for port 0).
    func on(port: UInt16) -> ListenAddress { ListenAddress(host: host, port: port, ipv4: ipv4) }

    public var description: String { "\(host):\(port)" }
    public var url: String { "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)/" }
    public var isLoopback: Bool { host.hasPrefix("127.") }
    public var isWildcard: Bool { host == "0.0.0.0" }

    /// The IPv4 addresses of this machine's interfaces (for the Host check on a wildcard address).
    static func ownAddresses() -> [String] {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return [] }
        defer { freeifaddrs(list) }
        var out: [String] = []
        var p: UnsafeMutablePointer<ifaddrs>? = first
        while let a = p {
            if let sa = a.pointee.ifa_addr, sa.pointee.sa_family == sa_family_t(AF_INET) {
                var buf = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
                sa.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { sin in
                    var addr = sin.pointee.sin_addr
                    _ = inet_ntop(AF_INET, &addr, &buf, socklen_t(buf.count))
                }
                out.append(String(cString: buf))
            }
            p = a.pointee.ifa_next
        }
        return out
    }
}

/// A one-line error of the web app, in the user's language.
public struct WebError: Error, CustomStringConvertible {
    public let message: MentorSyncDomain.Message
    public init(_ message: MentorSyncDomain.Message) { self.message = message }
    public var description: String { message.text() }
}
