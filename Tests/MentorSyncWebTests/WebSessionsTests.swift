import Foundation
import XCTest
@testable import MentorSyncWeb

/// The web app's sessions, with a clock of the test's own (a working day is not waited for).
final class WebSessionsTests: XCTestCase {
    final class Clock: @unchecked Sendable {
        var now = Date(timeIntervalSince1970: 1_780_000_000)
    }

    func request(_ sessions: WebSessions, _ id: String) -> HTTPRequest {
        HTTPRequest(method: "GET", path: "/", query: [:], headers: ["cookie": "\(sessions.cookie)=\(id)"])
    }

    /// The methodologist logged in at a colleague's computer and left the page open: after a working
    /// day unused her session is over (it lasted until the app restarted); in use, it goes on; a
    /// session nobody logged in to keeps its form token (a form left open overnight is still saved).
    func testALoggedInSessionUnusedForAWorkingDayIsOver() {
        let clock = Clock()
        let sessions = WebSessions(port: 8471, now: { clock.now })
        let irina = sessions.create(user: "irina").id
        let anonymous = sessions.create().id
        clock.now += WebSessions.idleLimit - 60
        XCTAssertEqual(sessions.find(request(sessions, irina))?.session.user, "irina", "in use within the day")
        clock.now += WebSessions.idleLimit - 60
        XCTAssertNotNil(sessions.find(request(sessions, irina)), "each use starts the day again")
        clock.now += WebSessions.idleLimit + 1
        XCTAssertNil(sessions.find(request(sessions, irina)), "a working day unused: over")
        XCTAssertNil(sessions.find(request(sessions, irina)), "and gone")
        XCTAssertNotNil(sessions.find(request(sessions, anonymous)), "a form's token without a login stays")
    }
}
