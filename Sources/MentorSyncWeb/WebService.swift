import Dispatch
import Foundation
import MentorSyncDomain

/// `web`: starts the server for a school or district home and serves until SIGTERM or SIGINT.
public enum WebService {
    /// Checks the address and the password rule, listens, and returns the server with its URL;
    /// throws one line (bad address, no password for a non-loopback address, address in use).
    public static func start(school home: SchoolHome, listen: String?, allowHosts: [String], language: Language = .current) throws -> (HTTPServer, String) {
        // Writes other programs made are folded now, at start, so that looking at pages writes nothing.
        _ = try home.replica.fold()
        return try start(pages: SchoolPages(home: home), homeURL: home.url, listen: listen ?? "127.0.0.1:8470", allowHosts: allowHosts, language: language)
    }

    /// A school computer's first start: a home folder awaiting setup (`SchoolHome.awaitsSetup`)
    /// served with the page that takes the enrollment file. Only on this computer's own address
    /// (loopback): before the school is set up there is no password to ask for.
    public static func start(schoolSetup home: URL, listen: String?, allowHosts: [String], language: Language = .current) throws -> (HTTPServer, String) {
        let listen = listen ?? "127.0.0.1:8470"
        guard let address = ListenAddress(listen) else { throw WebError(.webBadListen(listen)) }
        guard address.isLoopback else { throw WebError(.webSetupOnlyHere(home.path)) }
        return try start(pages: SchoolSetupPages(homeURL: home, language: language), homeURL: home, listen: listen, allowHosts: allowHosts, language: language)
    }

    public static func start(district home: DistrictHome, listen: String?, allowHosts: [String], language: Language = .current) throws -> (HTTPServer, String) {
        _ = try home.replica.fold()
        return try start(pages: DistrictPages(home: home), homeURL: home.url, listen: listen ?? "127.0.0.1:8471", allowHosts: allowHosts, language: language)
    }

    static func start(pages: WebPages, homeURL: URL, listen: String, allowHosts: [String], language: Language) throws -> (HTTPServer, String) {
        guard let address = ListenAddress(listen) else { throw WebError(.webBadListen(listen)) }
        let passwords = WebPasswords(home: homeURL)
        // On a non-loopback address every client, loopback included, logs in (DESIGN.md).
        let loginRequired = !address.isLoopback
        if loginRequired, passwords.isEmpty { throw WebError(.webNeedsPassword) }
        let server = try HTTPServer(address: address, handler: { bound in
            WebApp(pages: pages, guard_: WebGuard(address: bound, allowHosts: allowHosts, loginRequired: loginRequired, language: language), passwords: passwords)
        }, language: language)
        server.start()
        return (server, server.address.url)
    }

    /// `web-password --user NAME`: the password is one line of stdin, its newline not part of it.
    public static func setPassword(home: URL, user: String) throws {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw WebError(.webNoPasswordLine) }
        try WebPasswords(home: home).set(user: user, password: line.hasSuffix("\r") ? String(line.dropLast()) : line)
    }
}
