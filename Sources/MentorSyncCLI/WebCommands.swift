import Foundation
import MentorSyncDomain
import MentorSyncWeb

/// `web [--listen HOST:PORT] [--allow-host NAME]` and `web-password --user NAME`, for both tools.
enum WebCommands {
    static func web(_ argv: [String], school: Bool, console: Console) throws -> Int32 {
        let args = try CommandRunner.parse(argv, ["listen", "allow-host"], [])
        guard args.words.count == 1 else { throw UsageError(syntax: "web [--listen HOST:PORT] [--allow-host NAME]") }
        // An address that is no HOST:PORT is a mistake in the command (exit 2), found before the home is opened.
        if let listen = args.value("listen"), ListenAddress(listen) == nil { throw UsageError(Message.webBadListen(listen).text()) }
        let hosts = args.value("allow-host").map { $0.split(separator: ",").map(String.init) } ?? []
        let url: String
        // Held before the address is printed: a stop sent as soon as it is read is never lost.
        let stop = StopSignals()
        do {
            if school, SchoolHome.awaitsSetup(homeURL(args)) {
                // A new school computer: the first page takes the enrollment file (`init --enroll` in the browser).
                (_, url) = try WebService.start(schoolSetup: homeURL(args), listen: args.value("listen"), allowHosts: hosts)
            } else if school {
                let home = try SchoolHome.open(homeURL(args))
                (_, url) = try WebService.start(school: home, listen: args.value("listen"), allowHosts: hosts)
            } else {
                let home = try DistrictHome.open(homeURL(args))
                (_, url) = try WebService.start(district: home, listen: args.value("listen"), allowHosts: hosts)
            }
        } catch let e as WebError { throw CommandFailure(e.description) }
        console.out(url)
        stop.wait()
        return 0
    }

    static func password(_ argv: [String], school: Bool, console: Console) throws {
        let args = try CommandRunner.parse(argv, ["user"], [])
        guard args.words.count == 1 else { throw UsageError(Message.webPasswordUsage) }
        let user = try args.required("user", .hintUser)
        // The password belongs beside a registry the web app serves: a folder without one (a
        // command run from the wrong folder, --home forgotten) is refused, not given a password file.
        if school { _ = try SchoolHome.open(homeURL(args)) } else { _ = try DistrictHome.open(homeURL(args)) }
        do { try WebService.setPassword(home: homeURL(args), user: user) } catch let e as WebError { throw CommandFailure(e.description) }
        if args.has("json") { console.json(["user": user, "password_set": true]) } else {
            console.out(Message.webPasswordSet(user).text())
        }
    }
}
