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

    /// Whether this request logs in first: on a network address every one; on 127.0.0.1 one a proxy
    /// passed on (a web server put in front of the app, for https, would let in whoever reaches it).
    func loginRequired(_ r: HTTPRequest) -> Bool { loginRequired || r.isForwarded }

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
        guard let (_, s) = sessions.find(r), WebSessions.tokenMatches(r.query["csrf"], s) else { return staleForm(r) }
        // Not logged in (the session outlived its login): refused, on a page leading to the login.
        if loginRequired(r), s.user == nil, r.path != "/login" { return staleForm(r, loginFirst: true) }
        return nil
    }

    /// A form of a session that is gone (the app was restarted, the page sat open past the session's
    /// life): refused all the same, on a page leading back to a fresh copy of the form — reloading
    /// this one would send the stale form again.
    /// `loginFirst`: the session is there but not logged in — the page leads to the login.
    func staleForm(_ r: HTTPRequest, loginFirst: Bool = false) -> HTTPResponse {
        let back = loginFirst ? "/login" : r.header("referer").flatMap { sameSitePath($0, host: r.header("host")) } ?? "/"
        let title = (loginFirst ? Message.webLoginTitle : Message.webStaleFormTitle).text(language)
        let html = "<!doctype html><html lang=\"\(language.rawValue)\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>\(esc(title))</title>"
            + "<link rel=\"stylesheet\" href=\"/style.css\"></head><body><main><h1>\(esc(title))</h1>"
            + "<p class=\"error\" role=\"alert\">\(esc((loginFirst ? Message.webLoginFirst : Message.webForbidden).text(language)))</p>"
            + "<p><a class=\"button\" href=\"\(esc(back))\">\(esc((loginFirst ? Message.webLoginTitle : Message.webStaleFormBack).text(language)))</a></p></main></body></html>"
        return HTTPResponse(status: 403, html: html)
    }

    /// The path and query of a URL of this very app (same host and port), or nil.
    func sameSitePath(_ url: String, host: String?) -> String? {
        guard let host, let u = URLComponents(string: url), u.scheme == "http",
              let h = u.host, "\(h.lowercased())\(u.port.map { ":\($0)" } ?? "")" == host.lowercased(),
              u.path.hasPrefix("/"), !u.path.hasPrefix("//"), !u.path.hasPrefix("/\\") else { return nil }
        return u.path + (u.percentEncodedQuery.map { "?" + $0 } ?? "")
    }
}
