import Foundation
import MentorSyncDomain
import MentorSyncEngine

/// The pages of one tool (school or district): the navigation and an answer to each path.
protocol WebPages: AnyObject {
    var title: String { get }
    func nav(_ language: Language) -> [(href: String, label: String)]
    /// The answer to a request, or nil for an unknown path. Runs with the registry to itself.
    func respond(_ r: HTTPRequest, _ ctx: PageContext) throws -> HTTPResponse?
    /// Called with the registry to itself before each answer, its title and links are read.
    func prepare() throws
}

extension WebPages {
    func prepare() throws {}
}

/// The web application: guard, sessions, login, the stylesheet, then the tool's pages, one at a
/// time on the registry connection (each write is its own short transaction, so no write lock is
/// held between requests and `sync`, `ingest` and `serve` run beside it).
final class WebApp: HTTPHandler, @unchecked Sendable {
    let pages: WebPages
    let guard_: WebGuard
    let passwords: WebPasswords
    let sessions: WebSessions
    let names = WebNames()
    let registry = NSLock()
    let loginGates = LoginGates()
    /// The name in every page's title, read again with each answer (a school set up in the
    /// browser, its name corrected by the district), kept for the pages made without the registry
    /// (login, a page not found): pages read the registry only under `registry`.
    var title: String { titleLock.withLock { shownTitle } }
    private var shownTitle: String
    private let titleLock = NSLock()
    var language: Language { guard_.language }

    init(pages: WebPages, guard_: WebGuard, passwords: WebPasswords) {
        self.pages = pages
        self.guard_ = guard_
        self.passwords = passwords
        sessions = WebSessions(port: guard_.port)
        shownTitle = pages.title
    }

    func screen(_ request: HTTPRequest) -> HTTPResponse? { guard_.screen(request, sessions: sessions) }

    func respond(_ r: HTTPRequest) -> HTTPResponse {
        if r.path == "/style.css" {
            return HTTPResponse(contentType: "text/css; charset=utf-8", body: Array(WebStyle.css.utf8), headers: [("Cache-Control", "max-age=3600")])
        }
        var cookie: [(String, String)] = []
        let session: (id: String, session: WebSessions.Session)
        let found = sessions.find(r)
        if let s = found, stillValid(s.session) { session = s } else {
            if let s = found { sessions.end(s.id) }
            session = sessions.create()
            cookie = [sessions.setCookie(session.id)]
        }
        var ctx = PageContext(language: language, csrf: session.session.csrf, title: title, nav: pages.nav(language),
                              loggedIn: session.session.user, names: names)
        if r.path == "/login" { return withCookie(login(r, ctx, session.id), cookie) }
        // «Выйти»: the session is ended here, not only forgotten by the browser (a copied cookie is dead too).
        if r.path == "/logout", r.method == "POST" {
            sessions.end(session.id)
            return .redirect(guard_.loginRequired(r) ? "/login" : "/", headers: [sessions.clearedCookie()])
        }
        if guard_.loginRequired(r), session.session.user == nil { return withCookie(.redirect("/login"), cookie) }
        registry.lock()
        defer {
            if r.method == "POST" { names.changed() }
            registry.unlock()
        }
        do {
            try pages.prepare()
            let current = pages.title
            titleLock.withLock { shownTitle = current }
            ctx.title = current
            ctx.nav = pages.nav(language)
            // Notices only as this session's own redirects sealed them (NoticeSeal).
            guard let answer = try pages.respond(NoticeSeal.verified(r, secret: session.session.csrf), ctx).map({
                NoticeSeal.sealed($0, secret: session.session.csrf)
            }) else {
                ctx.title = Message.webNotFound.text(language)
                return withCookie(HTTPResponse(status: 404, html: ctx.page("")), cookie)
            }
            return withCookie(answer, cookie)
        } catch {
            ctx.title = title
            return withCookie(HTTPResponse(status: 422, html: ctx.page("", error: Self.line(error, language))), cookie)
        }
    }

    /// A session logged in with a password that has since been changed (`web-password` after a
    /// password was seen or a computer left open) is over: whoever holds its cookie logs in again.
    func stillValid(_ s: WebSessions.Session) -> Bool {
        guard let user = s.user else { return true }
        return passwords.credential(of: user) == s.credential
    }

    /// The one line a person reads for an error, in their language.
    static func line(_ error: Error, _ language: Language) -> String {
        if let e = error as? MessageError { return (e.onPage ?? e.message).text(language) }
        if let e = error as? WebError { return e.message.text(language) }
        if let e = error as? ReportError { return e.message.text(language) }
        // A full or locked stick, a bundle's or the registry's trouble: said as the command says it.
        if let m = Message.failure(error) { return m.text(language) }
        return "\(error)"
    }

    func withCookie(_ r: HTTPResponse, _ cookie: [(String, String)]) -> HTTPResponse {
        var r = r
        r.headers += cookie
        return r
    }

    /// The login page; a failed login waits about a second, one after another from one client
    /// address, and never locks the account (a person at another computer logs in at once).
    func login(_ r: HTTPRequest, _ ctx: PageContext, _ sessionID: String) -> HTTPResponse {
        var ctx = ctx
        ctx.title = Message.webLoginTitle.text(language)
        ctx.nav = []
        // No password set: nobody can log in (a page passed on by a proxy to the app on 127.0.0.1).
        var error: String? = r.isForwarded && passwords.isEmpty ? Message.webNoPasswordToLogIn.text(language) : nil
        if r.method == "POST" {
            let f = r.form
            let user = f["user"] ?? ""
            // One attempt at a time from one address, a failed one holding its second: a stranger
            // trying passwords over a hundred connections at once gets one a second, not a hundred.
            let gate = loginGates.gate(r.peer)
            gate.lock()
            defer { gate.unlock() }
            if passwords.check(user: user, password: f["password"] ?? "") {
                sessions.end(sessionID)
                let fresh = sessions.create(user: user, credential: passwords.credential(of: user))
                return .redirect("/", headers: [sessions.setCookie(fresh.id)])
            }
            Thread.sleep(forTimeInterval: 1)
            error = Message.webLoginFailed.text(language)
        }
        let body = ctx.form("/login", """
            <label for="user">\(ctx.t(.webUser))</label><input id="user" name="user" autocomplete="username" required>
            <label for="password">\(ctx.t(.webPassword))</label><input id="password" name="password" type="password" autocomplete="current-password" required>
            <button>\(ctx.t(.webLoginTitle))</button>
            """)
        return HTTPResponse(status: error == nil ? 200 : 403, html: ctx.page(body, error: error))
    }
}
