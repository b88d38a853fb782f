import Foundation
import XCTest
import MentorSyncTestSupport

/// Logging in and out of a web app that asks for a password (a non-loopback address).
final class WebLoginTests: XCTestCase {
    /// The test's world, kept for the whole test (its web app runs as long as it lives).
    var world: WebWorld!
    override func tearDown() { world = nil }

    /// A district's web app on a network address (so it asks for a password), «deputy» its user.
    func districtAskingAPassword() throws -> (WebWorld, UInt16) {
        world = try WebWorld()
        try world.setPassword(world.districtHome, "mentorsync-district", "верный пароль 1")
        return (world, try world.start("mentorsync-district", home: world.districtHome, listen: "0.0.0.0:0"))
    }

    /// The same, and «deputy» logged in.
    func districtWithDeputyLoggedIn(file: StaticString = #filePath, line: UInt = #line) throws -> (WebWorld, UInt16, WebClient) {
        let (w, port) = try districtAskingAPassword()
        let client = WebClient(port: port)
        client.get("/login")
        XCTAssertEqual(client.post("/login", [("user", "deputy"), ("password", "верный пароль 1")])?.status, 303, file: file, line: line)
        return (w, port, client)
    }

    /// There was no way out: the methodologist who logged in at a colleague's computer left her
    /// session open to whoever sat down next, and a copy of its cookie worked until the app restarted.
    /// «Выйти» in every page's bar ends the session in the app itself: the page and the copied cookie
    /// both lead to the login.
    func testSigningOutEndsTheSessionForItsCookieEverywhere() throws {
        let (_, port, client) = try districtWithDeputyLoggedIn()
        let page = try XCTUnwrap(client.get("/t/events"))
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.body.contains("<span>deputy</span> <button class=\"secondary\">Выйти</button>"), page.body)
        let copied = try XCTUnwrap(client.cookie)
        let out = client.post("/logout", [])
        XCTAssertEqual(out?.status, 303, out?.body ?? "")
        XCTAssertEqual(out?.header("location"), "/login")
        XCTAssertTrue(out?.header("set-cookie")?.contains("Max-Age=0") ?? false, out?.header("set-cookie") ?? "")
        XCTAssertEqual(client.get("/t/events")?.header("location"), "/login", "the browser that signed out")
        let other = WebClient(port: port)
        other.cookie = copied
        let again = other.get("/t/events")
        XCTAssertEqual(again?.status, 303)
        XCTAssertEqual(again?.header("location"), "/login", "a copy of the cookie")
        // A form of the ended session is refused, not taken.
        XCTAssertEqual(other.post("/t/events/save", [("title", "После выхода")])?.status, 403)
    }

    /// A failed login waited its second on its own connection only: a stranger on the network
    /// sending guesses over many connections at once had dozens a second (the machine's cores the
    /// only bound). The attempts of one address go one after another now, each failed one holding its
    /// second; a person at another address logs in meanwhile, and the right password afterwards is
    /// taken at once (nothing is locked). Told by the order of the answers, never by a clock: answered
    /// side by side, the guesses would all be in before the login begun after the first of them.
    func testGuessesSentAtOnceFromOneAddressAreAnsweredOneAfterAnother() throws {
        let (_, port) = try districtAskingAPassword()
        let guesses = 6
        // Each guess with a session of its own, as a script would open them; and the colleague's.
        let sessions = (0..<guesses).map { _ -> (cookie: String, token: String) in
            let c = WebClient(port: port)
            c.get("/login")
            return (c.cookie ?? "", c.token ?? "")
        }
        let colleague = WebClient(port: port)
        colleague.get("/login")
        let answered = Locked([String]())
        let firstGuessAnswered = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        for (i, s) in sessions.enumerated() {
            group.enter()
            Thread {
                let a = RawHTTP.request(port: port, "POST", "/login?csrf=\(s.token)", headers: ["Cookie": s.cookie],
                                        body: WebClient.form([("user", "deputy"), ("password", "догадка \(i)")]), from: "127.0.0.1",
                                        timeout: 120)  // the last waits for the five before it
                if answered.withLock({ $0.append("guess \(a?.status ?? 0)"); return $0.count }) == 1 { firstGuessAnswered.signal() }
                group.leave()
            }.start()
        }
        // Another computer (another address, on a lock of its own) logs in once the first guess is answered.
        XCTAssertEqual(firstGuessAnswered.wait(timeout: .now() + 120), .success)
        let colleagueIn = RawHTTP.request(port: port, "POST", "/login?csrf=\(colleague.token ?? "")", headers: ["Cookie": colleague.cookie ?? ""],
                                          body: WebClient.form([("user", "deputy"), ("password", "верный пароль 1")]), from: "127.0.0.2")
        answered.withLock { $0.append("colleague \(colleagueIn?.status ?? 0)") }
        XCTAssertEqual(group.wait(timeout: .now() + 120), .success)
        let order = answered.current
        XCTAssertEqual(order.filter { $0.hasPrefix("guess") }, Array(repeating: "guess 403", count: guesses))
        // The guesses were taken one at a time: some were still waiting when the colleague was let in.
        let colleagueAt = try XCTUnwrap(order.firstIndex(of: "colleague 303"), "\(order)")
        XCTAssertLessThan(colleagueAt, order.count - 1, "the guesses were answered side by side: \(order)")
        let right = WebClient(port: port)
        right.get("/login")
        XCTAssertEqual(right.post("/login", [("user", "deputy"), ("password", "верный пароль 1")])?.status, 303, "not locked")
        XCTAssertEqual(right.get("/t/events")?.status, 200)
    }

    /// The processor time a process has used so far, in clock ticks (/proc/PID/stat: utime + stime).
    func cpuTicks(_ pid: Int32) throws -> Int {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        let fields = stat[stat.index(after: try XCTUnwrap(stat.lastIndex(of: ")")))...].split(separator: " ")
        return try XCTUnwrap(Int(fields[11])) + XCTUnwrap(Int(fields[12]))
    }

    /// A wrong password for «deputy» was hashed before its refusal; a name nobody has was refused
    /// without that work, sooner: the time of the answer told a stranger which user names exist. Both
    /// cost the app the same work now (measured as the processor time it spends, not by a clock).
    func testAnUnknownUserNameCostsWhatAWrongPasswordCosts() throws {
        let (w, port) = try districtAskingAPassword()
        // «olga» set her password before the count was raised: a wrong one for her costs no less.
        let file = w.districtHome.appendingPathComponent("web-passwords")
        try (String(contentsOf: file, encoding: .utf8) + "olga:" + Self.oldHash + "\n").write(to: file, atomically: false, encoding: .utf8)
        let pid = try XCTUnwrap(w.servers.last?.processIdentifier)
        func work(_ user: String) throws -> Int {
            let before = try cpuTicks(pid)
            for i in 0..<3 {
                let c = WebClient(port: port)
                c.get("/login")
                XCTAssertEqual(c.post("/login", [("user", user), ("password", "догадка \(i)")])?.status, 403)
            }
            return try cpuTicks(pid) - before
        }
        let known = try work("deputy"), unknown = try work("nobody"), old = try work("olga")
        XCTAssertGreaterThan(known, 0)
        XCTAssertGreaterThanOrEqual(unknown * 2, known, "an unknown name: \(unknown) ticks, a wrong password: \(known)")
        XCTAssertGreaterThanOrEqual(old * 2, unknown, "a wrong password of an old hash: \(old) ticks, an unknown name: \(unknown)")
    }

    /// «password123» as web-password of a release before 2026-12 kept it: 20,000 iterations.
    static let oldHash = "20000:3ab51095430bff703da5e9d132ea8dd3:7ce99275fb719e10c7b2285f09ad76120e9d6fee8d8f9255a6b03691a327bbb2"

    /// Passwords were hashed at 20,000 iterations, a thirtieth of what is advised now (OWASP: 600,000
    /// for PBKDF2-HMAC-SHA256): a stolen web-passwords file was guessed at thirty times the pace. New
    /// ones are hashed at 600,000; one set before still logs in, and is hashed again at 600,000 then,
    /// with its salt (the session it opened goes on); a wrong password raises nothing and is refused.
    func testAPasswordHashedAtTheOldCountLogsInAndIsRaisedToTheNewOne() throws {
        world = try WebWorld()
        let file = world.districtHome.appendingPathComponent("web-passwords")
        try ("deputy:" + Self.oldHash + "\n").write(to: file, atomically: false, encoding: .utf8)
        let port = try world.start("mentorsync-district", home: world.districtHome, listen: "0.0.0.0:0")
        let client = WebClient(port: port)
        client.get("/login")
        XCTAssertEqual(client.post("/login", [("user", "deputy"), ("password", "password124")])?.status, 403)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "deputy:" + Self.oldHash + "\n", "a wrong password")
        XCTAssertEqual(client.post("/login", [("user", "deputy"), ("password", "password123")])?.status, 303)
        let raised = try String(contentsOf: file, encoding: .utf8)
        XCTAssertTrue(raised.hasPrefix("deputy:600000:3ab51095430bff703da5e9d132ea8dd3:") && !raised.contains("7ce99275"), raised)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int, 0o600)
        XCTAssertEqual(client.get("/t/events")?.status, 200, "the session opened with it")
        let other = WebClient(port: port)
        other.get("/login")
        XCTAssertEqual(other.post("/login", [("user", "deputy"), ("password", "password124")])?.status, 403)
        XCTAssertEqual(other.post("/login", [("user", "deputy"), ("password", "password123")])?.status, 303, "the raised hash")
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), raised)
        // web-password hashes at the new count.
        try world.setPassword(world.districtHome, "mentorsync-district", "новый пароль 2")
        XCTAssertTrue(try String(contentsOf: file, encoding: .utf8).hasPrefix("deputy:600000:"))
    }

    /// The app keeps 10,000 sessions and made room by ending the least recently seen: a stranger who
    /// could not log in opened the login page 10,000 times (each visit a session) and everybody
    /// working was logged out, again and again. Sessions nobody logged in to make room first.
    func testAStrangerOpeningSessionsByTheThousandLogsNobodyOut() throws {
        let (_, port, client) = try districtWithDeputyLoggedIn()
        XCTAssertEqual(client.get("/t/events")?.status, 200)
        let opened = Locked(0)
        let group = DispatchGroup()
        for _ in 0..<8 {
            group.enter()
            Thread {
                for _ in 0..<1_400 where RawHTTP.request(port: port, "GET", "/login")?.header("set-cookie") != nil { opened.withLock { $0 += 1 } }
                group.leave()
            }.start()
        }
        XCTAssertEqual(group.wait(timeout: .now() + 600), .success)
        XCTAssertEqual(opened.current, 11_200, "each visit opened a session")
        XCTAssertEqual(client.get("/t/events")?.status, 200, "the person working was logged out")
    }

    /// The coordinator changed her password with `web-password` after it was seen over her shoulder,
    /// and the sessions opened with the old one went on working until the app restarted. A session
    /// lasts as long as the password it was opened with: its cookie leads to the login, its forms are
    /// not taken, and the new password logs in.
    func testChangingThePasswordEndsTheSessionsOpenedWithTheOldOne() throws {
        let (w, _, client) = try districtWithDeputyLoggedIn()
        XCTAssertEqual(client.get("/t/events/edit")?.status, 200)
        try w.setPassword(w.districtHome, "mentorsync-district", "новый пароль 2")
        let saved = client.post("/t/events/save", [("title", "После смены пароля")])
        XCTAssertEqual(saved?.status, 303)
        XCTAssertEqual(saved?.header("location"), "/login", "a form of the old session")
        XCTAssertEqual(client.get("/t/events")?.header("location"), "/login")
        let events = try ToolRunner.run("mentorsync-district", ["list", "events", "--home", w.districtHome.path]).stdout
        XCTAssertFalse(events.contains("После смены пароля"), events)
        client.get("/login")
        XCTAssertEqual(client.post("/login", [("user", "deputy"), ("password", "верный пароль 1")])?.status, 403, "the old password")
        XCTAssertEqual(client.post("/login", [("user", "deputy"), ("password", "новый пароль 2")])?.status, 303)
        XCTAssertEqual(client.get("/t/events")?.status, 200)
    }
}
