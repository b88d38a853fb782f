import Foundation
import MentorSyncEngine

/// Sessions of the web app, kept in memory only (never in registry.db): each has its CSRF token
/// and, after a login, its user. Bounded, so a client making sessions cannot fill the memory.
final class WebSessions: @unchecked Sendable {
    /// `credential`: the password the user logged in with (`WebPasswords.credential(of:)`).
    struct Session { var csrf: String; var user: String?; var lastSeen: Date; var credential: String? = nil }
    /// Cookies are kept per host, not per port: the school's app (8470) and the district's (8471)
    /// on one machine each name their cookie after their port, so neither ends the other's session.
    let cookie: String
    static let limit = 10_000
    /// A logged-in session unused this long is over (a computer left with the page open overnight, at
    /// a colleague's desk); one nobody logged in to keeps its form token (a form left open is saved).
    static let idleLimit: TimeInterval = 8 * 3600
    let idleLimit: TimeInterval
    let now: @Sendable () -> Date
    private let lock = NSLock()
    private var sessions: [String: Session] = [:]

    init(port: UInt16, idleLimit: TimeInterval = WebSessions.idleLimit, now: @escaping @Sendable () -> Date = { Date() }) {
        cookie = "msync_session_\(port)"
        self.idleLimit = idleLimit
        self.now = now
    }

    func find(_ request: HTTPRequest) -> (id: String, session: Session)? {
        guard let id = request.cookies[cookie] else { return nil }
        lock.lock(); defer { lock.unlock() }
        guard var s = sessions[id] else { return nil }
        if s.user != nil, now().timeIntervalSince(s.lastSeen) > idleLimit {
            sessions[id] = nil
            return nil
        }
        s.lastSeen = now()
        sessions[id] = s
        return (id, s)
    }

    func create(user: String? = nil, credential: String? = nil) -> (id: String, session: Session) {
        let id = WebRandom.token()
        let s = Session(csrf: WebRandom.token(), user: user, lastSeen: now(), credential: credential)
        lock.lock(); defer { lock.unlock() }
        if sessions.count >= Self.limit {
            // The least recently seen sessions make room, those nobody logged in to first: anyone may
            // open sessions by the thousand (each visit to the login page is one), and those must not
            // log out the people working.
            let order = sessions.sorted { a, b in
                (a.value.user == nil) != (b.value.user == nil) ? a.value.user == nil : a.value.lastSeen < b.value.lastSeen
            }
            for (k, _) in order.prefix(Self.limit / 10) { sessions[k] = nil }
        }
        sessions[id] = s
        return (id, s)
    }

    func end(_ id: String) { lock.lock(); sessions[id] = nil; lock.unlock() }

    func setCookie(_ id: String) -> (String, String) {
        ("Set-Cookie", "\(cookie)=\(id); Path=/; HttpOnly; SameSite=Strict")
    }

    /// The cookie a browser forgets at once (a session ended by «Выйти»).
    func clearedCookie() -> (String, String) {
        ("Set-Cookie", "\(cookie)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict")
    }

    /// Whether `given` is the session's token (compared in constant time).
    static func tokenMatches(_ given: String?, _ s: Session) -> Bool {
        guard let given else { return false }
        return constantTimeEquals(Array(given.utf8), Array(s.csrf.utf8))
    }
}
