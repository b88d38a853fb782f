import Foundation
import XCTest
import MentorSyncTestSupport

/// The security rules of DESIGN.md ("The web app") through the real binary.
final class WebSecurityTests: XCTestCase {
    func persons(_ w: WebWorld) throws -> String {
        try ToolRunner.run("mentorsync-school", ["list", "persons", "--json", "--home", w.schoolHome.path]).stdout
    }

    func testForgedPostsAreRefusedBeforeTheirBodyAndChangeNothing() throws {
        let w = try WebWorld()
        let port = try w.start("mentorsync-school", home: w.schoolHome)
        let client = WebClient(port: port)
        client.get("/t/persons/edit")
        XCTAssertNotNil(client.token)
        let before = w.checksum(w.schoolHome)
        let fields = [("full_name", "Подделкин Фёдор"), ("role", "teacher")]
        XCTAssertEqual(client.post("/t/persons/save", fields, withToken: false)?.status, 403, "no token")
        XCTAssertEqual(client.post("/t/persons/save?csrf=" + String(repeating: "0", count: 64), fields, withToken: false)?.status, 403, "another token")
        XCTAssertEqual(client.post("/t/persons/save", fields, origin: "http://evil.example")?.status, 403, "foreign Origin")
        XCTAssertEqual(client.post("/t/persons/save", fields, host: "evil.example:\(port)")?.status, 403, "foreign Host")
        let stranger = WebClient(port: port)
        stranger.token = client.token
        XCTAssertEqual(stranger.post("/t/persons/save", fields)?.status, 403, "the token without its session")
        XCTAssertEqual(client.get("/", host: "rebind.example")?.status, 403, "a GET under a foreign Host name")
        // Refused before the body is read: the answer comes though the announced body never does.
        let fd = try XCTUnwrap(RawHTTP.connect(port: port))
        RawHTTP.write(fd, Array("POST /t/persons/save HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: 5000000\r\n\r\n".utf8))
        let started = Date()
        XCTAssertEqual(RawHTTP.readAll(fd)?.status, 403)
        close(fd)
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        XCTAssertEqual(w.checksum(w.schoolHome), before, "a refused POST changed registry.db")
        XCTAssertFalse(try persons(w).contains("Подделкин"))
        // The same form with its token and a same Origin is taken: the checks above could see a change.
        XCTAssertEqual(client.post("/t/persons/save", fields, origin: "http://127.0.0.1:\(port)")?.status, 303)
        XCTAssertTrue(try persons(w).contains("Подделкин"))
    }

    /// A form left open while the app restarted (its session gone): refused, on a page whose link
    /// opens a fresh copy of the form (reloading would send the stale one again); then it is taken.
    func testAStaleFormLeadsBackToAFreshCopyOfItsPage() throws {
        let w = try WebWorld()
        let port = try w.start("mentorsync-school", home: w.schoolHome)
        let fields = WebClient.form([("full_name", "Забытова Анна"), ("role", "teacher")])
        let stale = RawHTTP.request(port: port, "POST", "/t/persons/save?csrf=" + String(repeating: "0", count: 64),
                                    headers: ["Referer": "http://127.0.0.1:\(port)/t/persons/edit"], body: fields)
        XCTAssertEqual(stale?.status, 403)
        let page = stale?.body ?? ""
        XCTAssertTrue(page.contains("<h1>Форма устарела</h1>") && page.contains("обновите страницу"), page)
        XCTAssertTrue(page.contains("<a class=\"button\" href=\"/t/persons/edit\">Открыть страницу заново</a>"), page)
        XCTAssertFalse(try persons(w).contains("Забытова"))
        // Sent from elsewhere, the link leads home, never to another site.
        let foreign = RawHTTP.request(port: port, "POST", "/t/persons/save", headers: ["Referer": "http://evil.example/t/persons/edit"], body: fields)
        XCTAssertTrue(foreign?.body.contains("href=\"/\">Открыть страницу заново") ?? false, foreign?.body ?? "")
        // A path of two slashes is another site's address (protocol-relative): the link leads home.
        let doubled = RawHTTP.request(port: port, "POST", "/t/persons/save", headers: ["Referer": "http://127.0.0.1:\(port)//evil.example/x"], body: fields)
        XCTAssertTrue(doubled?.body.contains("href=\"/\">Открыть страницу заново") ?? false, doubled?.body ?? "")
        // The link's page gives a form that is taken.
        let client = WebClient(port: port)
        XCTAssertEqual(client.get("/t/persons/edit")?.status, 200)
        XCTAssertEqual(client.post("/t/persons/save", [("full_name", "Забытова Анна"), ("role", "teacher")])?.status, 303)
        XCTAssertTrue(try persons(w).contains("Забытова"))
    }

    func testRequestLimits() throws {
        let w = try WebWorld()
        let port = try w.start("mentorsync-school", home: w.schoolHome)
        let fd = try XCTUnwrap(RawHTTP.connect(port: port))
        RawHTTP.write(fd, Array("POST /sync HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: 20000000\r\n\r\n".utf8))
        let tooLarge = RawHTTP.readAll(fd)
        XCTAssertEqual(tooLarge?.status, 413, "over 10 MB, refused before reading")
        XCTAssertTrue(tooLarge?.body.contains("файл больше 10 МБ") ?? false, "said in the reader's language: \(tooLarge?.body ?? "")")
        close(fd)
        let big = RawHTTP.request(port: port, "GET", "/", headers: ["X-Filler": String(repeating: "a", count: 20_000)])
        XCTAssertEqual(big?.status, 431)
        for bad in ["GARBAGE\r\n\r\n", "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nHost: 127.0.0.1:\(port)\r\n\r\n", "GET nopath HTTP/1.1\r\n\r\n"] {
            let fd = try XCTUnwrap(RawHTTP.connect(port: port))
            RawHTTP.write(fd, Array(bad.utf8))
            XCTAssertEqual(RawHTTP.readAll(fd)?.status, 400, bad)
            close(fd)
        }
    }

    func testManyRequestsAndSlowClientsDoNotStopANormalOne() throws {
        let w = try WebWorld()
        let port = try w.start("mentorsync-school", home: w.schoolHome)
        // Slow-loris clients: a header begun and never finished.
        var slow: [Int32] = []
        for _ in 0..<50 {
            let fd = try XCTUnwrap(RawHTTP.connect(port: port, timeout: 20))
            RawHTTP.write(fd, Array("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nX-Slow: ".utf8))
            slow.append(fd)
        }
        let statuses = Locked([Int]())
        // 200 requests at once, each from a thread of its own.
        let group = DispatchGroup()
        for i in 0..<200 {
            group.enter()
            Thread {
                let a = RawHTTP.request(port: port, "GET", i % 2 == 0 ? "/t/persons" : "/style.css")
                statuses.withLock { $0.append(a?.status ?? 0) }
                group.leave()
            }.start()
        }
        XCTAssertEqual(group.wait(timeout: .now() + 60), .success)
        XCTAssertEqual(statuses.current.filter { $0 == 200 }.count, 200, "every concurrent request served: \(statuses.current.filter { $0 != 200 })")
        let started = Date()
        XCTAssertEqual(RawHTTP.request(port: port, "GET", "/status")?.status, 200)
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "a normal request waited for the slow ones")
        // The slow clients are dropped once their 10 s are up.
        let dropped = RawHTTP.readAll(slow[0])
        XCTAssertLessThan(Date().timeIntervalSince(started), 15)
        XCTAssertEqual(dropped?.status ?? 408, 408)
        slow.forEach { close($0) }
    }

    func testNonLoopbackWithoutAPasswordRefusesToStart() throws {
        let w = try WebWorld()
        for (tool, home) in [("mentorsync-school", w.schoolHome), ("mentorsync-district", w.districtHome)] {
            let r = try ToolRunner.run(tool, ["web", "--listen", "0.0.0.0:0", "--home", home.path], environment: ToolLocale.english)
            XCTAssertEqual(r.exitCode, 1, r.output)
            XCTAssertEqual(r.stdout, "")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
            XCTAssertTrue(r.stderr.contains("web-password"), r.stderr)
        }
    }

    func setPassword(_ home: URL, _ tool: String, _ password: String) throws -> ToolResult {
        try ToolRunner.runProgram(URL(fileURLWithPath: "/bin/sh"), ["-c", "printf '%s\\n' \"$PW\" | \"$TOOL\" web-password --user deputy --home \"$HOME_DIR\""],
                                  environment: ["PW": password, "TOOL": ToolRunner.executable(tool).path, "HOME_DIR": home.path])
    }

    /// `web-password --json`, as its help says of --json: the result as JSON, not the sentence.
    func testWebPasswordWithJSONPrintsJSON() throws {
        let w = try WebWorld()
        let r = try ToolRunner.runProgram(URL(fileURLWithPath: "/bin/sh"), ["-c", "printf '%s\\n' 'верный пароль 1' | \"$TOOL\" web-password --user deputy --json --home \"$HOME_DIR\""],
                                          environment: ["TOOL": ToolRunner.executable("mentorsync-district").path, "HOME_DIR": w.districtHome.path])
        XCTAssertEqual(r.exitCode, 0, r.output)
        let o = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], r.stdout)
        XCTAssertEqual(o["user"] as? String, "deputy")
        XCTAssertEqual(o["password_set"] as? Bool, true)
    }

    /// web-password run where there is no registry (--home forgotten, the wrong folder) said
    /// "password set" and left a web-passwords file the web app never reads: it is refused now.
    func testWebPasswordOutsideAHomeIsRefusedAndWritesNothing() throws {
        let w = try WebWorld()
        let nowhere = w.scratch.folder("not-a-home")
        for (tool, other) in [("mentorsync-district", w.schoolHome), ("mentorsync-school", w.districtHome)] {
            for home in [nowhere, other] {
                let r = try ToolRunner.runProgram(URL(fileURLWithPath: "/bin/sh"), ["-c", "printf '%s\\n' 'верный пароль 1' | \"$TOOL\" web-password --user deputy --home \"$HOME_DIR\""],
                                                  environment: ["TOOL": ToolRunner.executable(tool).path, "HOME_DIR": home.path])
                XCTAssertEqual(r.exitCode, 1, "\(tool) \(home.lastPathComponent): \(r.output)")
                XCTAssertFalse(FileManager.default.fileExists(atPath: home.appendingPathComponent("web-passwords").path), "\(tool) \(home.lastPathComponent)")
            }
        }
    }

    func testLoginWorksAndAWrongPasswordIsRefusedSlowly() throws {
        let w = try WebWorld()
        XCTAssertEqual(try setPassword(w.schoolHome, "mentorsync-school", "верный пароль 1").exitCode, 0)
        XCTAssertEqual(try setPassword(w.schoolHome, "mentorsync-school", "short").exitCode, 1, "a short password is refused")
        let port = try w.start("mentorsync-school", home: w.schoolHome, listen: "0.0.0.0:0")
        let client = WebClient(port: port)
        let first = client.get("/t/persons")
        XCTAssertEqual(first?.status, 303)
        XCTAssertEqual(first?.header("location"), "/login")
        XCTAssertEqual(client.get("/login")?.status, 200)
        let before = client.post("/t/persons/save", [("full_name", "Без Входа")])
        XCTAssertEqual(before?.status, 403, "a POST before login")
        XCTAssertTrue(before?.body.contains("сначала войдите") == true && before?.body.contains("href=\"/login\"") == true, before?.body ?? "")
        let started = Date()
        let wrong = client.post("/login", [("user", "deputy"), ("password", "неверный пароль")])
        XCTAssertEqual(wrong?.status, 403)
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.9, "a failed login waits")
        XCTAssertEqual(client.get("/t/persons")?.status, 303, "still not logged in")
        let right = client.post("/login", [("user", "deputy"), ("password", "верный пароль 1")])
        XCTAssertEqual(right?.status, 303, right?.body ?? "")
        XCTAssertTrue(right?.header("set-cookie")?.contains("HttpOnly; SameSite=Strict") ?? false)
        XCTAssertEqual(client.get("/t/persons")?.status, 200, "logged in")
        XCTAssertFalse(try String(contentsOf: w.schoolHome.appendingPathComponent("web-passwords"), encoding: .utf8).contains("верный"))
    }

    /// A web app on 127.0.0.1 asks no password: whoever reaches it sits at this computer. An
    /// administrator who put a web server in front of it (nginx or Apache for https, forwarding to
    /// 127.0.0.1:8470, as their guides show) let in, without a password, everyone who reached that
    /// server. A request a proxy says it passed on (Forwarded, X-Forwarded-For, X-Real-IP, Via) logs in
    /// first; with no password set, the login page says how to set one; this computer's browser is let
    /// in as before.
    func testARequestAProxyPassedOnToTheAppOnLoopbackLogsInFirst() throws {
        let w = try WebWorld()
        let port = try w.start("mentorsync-school", home: w.schoolHome)
        let proxied = WebClient(port: port)
        proxied.extraHeaders = ["X-Forwarded-For": "10.0.0.7", "X-Real-IP": "10.0.0.7"]
        let page = proxied.get("/t/persons")
        XCTAssertEqual(page?.status, 303, page?.body ?? "")
        XCTAssertEqual(page?.header("location"), "/login")
        let login = proxied.get("/login")
        XCTAssertTrue(login?.body.contains("страница открыта через другой сервер (прокси), поэтому нужен вход по паролю, а пароль не задан") == true, login?.body ?? "")
        XCTAssertEqual(proxied.post("/t/persons/save", [("full_name", "Через прокси")])?.status, 403)
        let here = WebClient(port: port)
        XCTAssertEqual(here.get("/t/persons")?.status, 200, "this computer's browser")
        XCTAssertFalse(here.get("/t/persons")?.body.contains("Через прокси") ?? true)
        XCTAssertEqual(try setPassword(w.schoolHome, "mentorsync-school", "верный пароль 1").exitCode, 0)
        let via = WebClient(port: port)
        via.extraHeaders = ["Via": "1.1 nginx"]
        XCTAssertEqual(via.get("/login")?.body.contains("через другой сервер"), false)
        XCTAssertEqual(via.post("/login", [("user", "deputy"), ("password", "верный пароль 1")])?.status, 303)
        XCTAssertEqual(via.get("/t/persons")?.status, 200)
    }

    /// A proxy told only what an app behind https needs (nginx's `proxy_set_header X-Forwarded-Proto
    /// $scheme`, the line most guides give; Caddy and Traefik add X-Forwarded-Proto and -Host) passes a
    /// request on all the same: it logs in first, as one with X-Forwarded-For does.
    func testARequestForwardedWithItsSchemeAloneLogsInFirst() throws {
        let w = try WebWorld()
        let port = try w.start("mentorsync-school", home: w.schoolHome)
        for header in ["X-Forwarded-Proto", "X-Forwarded-Port", "X-Forwarded-Server"] {
            let proxied = WebClient(port: port)
            proxied.extraHeaders = [header: header == "X-Forwarded-Port" ? "443" : "https"]
            let page = proxied.get("/t/persons")
            XCTAssertEqual(page?.status, 303, "\(header): " + (page?.body ?? ""))
            XCTAssertEqual(page?.header("location"), "/login", header)
        }
        XCTAssertEqual(WebClient(port: port).get("/t/persons")?.status, 200, "this computer's browser")
    }

    /// Stopped the moment it says where it listens — as a test, a script or `systemctl restart`
    /// does — the app stops. (The stop was lost when it came before libdispatch held the signal:
    /// the app served on, and whoever waited for it waited for ever.)
    func testStopsOnSIGTERMWithStatusZero() throws {
        let w = try WebWorld()
        for round in 0..<8 {
            let (tool, home) = round % 2 == 0 ? ("mentorsync-district", w.districtHome) : ("mentorsync-school", w.schoolHome)
            _ = try w.start(tool, home: home)
            let p = try XCTUnwrap(w.servers.last)
            let started = Date()
            p.terminate()
            let stopped = ToolRunner.waitUntil(timeout: 30) { !p.isRunning }
            if !stopped { kill(p.processIdentifier, SIGKILL); p.waitUntilExit() }
            XCTAssertTrue(stopped, "\(tool), round \(round): SIGTERM lost, the app served on")
            XCTAssertEqual(p.terminationStatus, stopped ? 0 : SIGKILL)
            XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        }
    }
}
