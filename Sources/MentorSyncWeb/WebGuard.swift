import Foundation
import MentorSyncDomain

/// The checks every request passes before a page sees it (DESIGN.md, "The web app", Security):
/// the Host is one this app answers to (DNS rebinding), and a POST carries the session's token
/// in its URL and no foreign Origin, all decided before its body is read.
struct WebGuard: Sendable {
    let allowedHosts: Set<String>
    let port: UInt16
    let loginRequired: Bool
    let language: Language

    init(address: ListenAddress, allowHosts: [String], loginRequired: Bool, language: Language) {
        var hosts: Set<String> = [address.host, "localhost", "127.0.0.1"]
        if address.isWildcard { hosts.formUnion(ListenAddress.ownAddresses()) }
        hosts.formUnion(allowHosts.map { $0.lowercased() })
        allowedHosts = hosts
        port = address.port
        self.loginRequired = loginRequired
        self.language = language
    }

    /// The host name of a `Host` header, without its port; nil when it names another port.
    func hostName(_ header: String) -> String? {
        var h = header.lowercased()
        if let colon = h.lastIndex(of: ":"), !h.hasSuffix("]") {
            guard UInt16(h[h.index(after: colon)...]) == port else { return nil }
            h = String(h[..<colon])
        }
        return h
    }

    func refuse(_ status: Int, _ m: Message) -> HTTPResponse { .plain(status, m.text(language)) }

    func screen(_ r: HTTPRequest, sessions: WebSessions) -> HTTPResponse? {
        guard let host = r.header("host"), let name = hostName(host), allowedHosts.contains(name) else {
            return refuse(403, .webBadHost)
        }
        switch r.method {
        case "GET", "HEAD": return nil
        case "POST": break
        default: return refuse(405, .webOnlyGetAndPost)
        }
        if let origin = r.header("origin"), origin.lowercased() != "http://\(host.lowercased())" { return refuse(403, .webForbidden) }
        guard let (_, s) = sessions.find(r), WebSessions.tokenMatches(r.query["csrf"], s) else { return refuse(403, .webForbidden) }
        if loginRequired, s.user == nil, r.path != "/login" { return refuse(403, .webForbidden) }
        return nil
    }
}
