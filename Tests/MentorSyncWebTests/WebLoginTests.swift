import Foundation
import XCTest
import MentorSyncTestSupport

/// Logging in and out of a web app that asks for a password (a non-loopback address).
final class WebLoginTests: XCTestCase {
    func setPassword(_ home: URL, _ tool: String, _ password: String) throws {
        let r = try ToolRunner.runProgram(URL(fileURLWithPath: "/bin/sh"), ["-c", "printf '%s\\n' \"$PW\" | \"$TOOL\" web-password --user deputy --home \"$HOME_DIR\""],
                                          environment: ["PW": password, "TOOL": ToolRunner.executable(tool).path, "HOME_DIR": home.path])
        XCTAssertEqual(r.exitCode, 0, r.output)
    }

    /// There was no way out: the methodologist who logged in at a colleague's computer left her
    /// session open to whoever sat down next, and a copy of its cookie worked until the app restarted.
    /// «Выйти» in every page's bar ends the session in the app itself: the page and the copied cookie
    /// both lead to the login.
    func testSigningOutEndsTheSessionForItsCookieEverywhere() throws {
        let w = try WebWorld()
        try setPassword(w.districtHome, "mentorsync-district", "верный пароль 1")
        let port = try w.start("mentorsync-district", home: w.districtHome, listen: "0.0.0.0:0")
        let client = WebClient(port: port)
        client.get("/login")
        XCTAssertEqual(client.post("/login", [("user", "deputy"), ("password", "верный пароль 1")])?.status, 303)
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
}
