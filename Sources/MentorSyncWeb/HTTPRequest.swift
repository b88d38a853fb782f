import Foundation

/// One parsed HTTP/1.1 request. The body is read only after the request passed its checks
/// (`HTTPConnection` reads it on demand), so a refused POST is never looked at.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The path without the query, percent-decoded.
    public var path: String
    public var query: [String: String]
    /// Header names in lower case.
    public var headers: [String: String]
    public var body: [UInt8] = []
    /// The client's IPv4 address, in network byte order (0 when not known).
    public var peer: UInt32 = 0

    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// Whether another server passed the request on (a proxy says so in one of these headers; nginx
    /// told only `X-Forwarded-Proto`, as many guides for https show, says it that way): its browser
    /// is not at this computer, whatever address it came from.
    public var isForwarded: Bool {
        ["forwarded", "x-real-ip", "via"].contains { headers[$0] != nil } || headers.keys.contains { $0.hasPrefix("x-forwarded-") }
    }

    /// The form fields of an `application/x-www-form-urlencoded` body.
    public var form: [String: String] { HTTPRequest.decodeForm(String(decoding: body, as: UTF8.self)) }

    /// The cookies sent, by name.
    public var cookies: [String: String] {
        var out: [String: String] = [:]
        for part in (header("cookie") ?? "").split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if kv.count == 2 { out[kv[0]] = kv[1] }
        }
        return out
    }

    /// Parses the request line and headers (the bytes before the blank line); nil when malformed.
    static func parseHead(_ head: [UInt8]) -> HTTPRequest? {
        guard let text = String(bytes: head, encoding: .utf8) else { return nil }
        var lines = text.components(separatedBy: "\r\n")
        guard !lines.isEmpty else { return nil }
        let first = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: false)
        guard first.count == 3, first[2].hasPrefix("HTTP/1."), !first[0].isEmpty,
              first[0].allSatisfy({ $0.isUppercase }), first[1].hasPrefix("/") else { return nil }
        var headers: [String: String] = [:]
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex,
                  !line[..<colon].contains(where: { $0 == " " || $0 == "\t" }) else { return nil }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            // Two Host or Content-Length headers are how requests are smuggled: refuse them.
            if (name == "host" || name == "content-length"), headers[name] != nil { return nil }
            headers[name] = value
        }
        let target = String(first[1])
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        guard let path = String(parts[0]).removingPercentEncoding else { return nil }
        let query = parts.count > 1 ? decodeForm(String(parts[1])) : [:]
        return HTTPRequest(method: String(first[0]), path: path, query: query, headers: headers)
    }

    static func decodeForm(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in decodeFormPairs(text) { out[k] = v }
        return out
    }

    /// Every value of a field that a form sends several times (checkboxes of one name).
    public func formValues(_ name: String) -> [String] {
        HTTPRequest.decodeFormPairs(String(decoding: body, as: UTF8.self)).filter { $0.0 == name }.map(\.1)
    }

    static func decodeFormPairs(_ text: String) -> [(String, String)] {
        text.split(separator: "&").map { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            return (decode(kv[0]), kv.count > 1 ? decode(kv[1]) : "")
        }
    }
}

/// An answer to send.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)] = []
    public var body: [UInt8]

    public init(status: Int = 200, contentType: String = "text/html; charset=utf-8", body: [UInt8], headers: [(String, String)] = []) {
        self.status = status
        self.body = body
        self.headers = [("Content-Type", contentType)] + headers
    }

    public init(status: Int = 200, html: String, headers: [(String, String)] = []) {
        self.init(status: status, body: Array(html.utf8), headers: headers)
    }

    public static func redirect(_ location: String, headers: [(String, String)] = []) -> HTTPResponse {
        HTTPResponse(status: 303, body: [], headers: [("Location", location)] + headers)
    }

    public static func plain(_ status: Int, _ text: String) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "text/plain; charset=utf-8", body: Array((text + "\n").utf8))
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 303: return "See Other"
        case 400: return "Bad Request"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 413: return "Content Too Large"
        case 422: return "Unprocessable Content"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }

    /// The bytes on the wire; every answer closes its connection and carries the same guarding headers.
    /// The referrer policy is same-origin, not no-referrer: under no-referrer a browser sends
    /// `Origin: null` with a form's POST, and the guard refuses every form.
    func serialized() -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(HTTPResponse.reason(status))\r\n"
        let guarding = [("Content-Length", "\(body.count)"), ("Connection", "close"),
                        ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff"),
                        ("X-Frame-Options", "DENY"), ("Referrer-Policy", "same-origin"),
                        ("Content-Security-Policy", "default-src 'self'; style-src 'self'; form-action 'self'; frame-ancestors 'none'")]
        // A page may set its own guarding header (the report's policy, a stylesheet's caching); it wins.
        let own = Set(headers.map { $0.0.lowercased() })
        for (k, v) in headers + guarding.filter({ !own.contains($0.0.lowercased()) || $0.0 == "Content-Length" || $0.0 == "Connection" }) {
            head += "\(k): \(v)\r\n"
        }
        head += "\r\n"
        return Array(head.utf8) + body
    }
}
