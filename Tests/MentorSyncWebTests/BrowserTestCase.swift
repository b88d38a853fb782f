import Foundation
import XCTest
import MentorSyncTestSupport

/// A test in a real headless Chromium: a world of a district and a school, and the browser, both
/// ended after the test; skipped where Chromium or its driver is missing.
class BrowserTestCase: XCTestCase {
    var world: WebWorld!
    var browser: WebDriver!

    override func setUpWithError() throws {
        if let reason = WebDriver.missing {
            print("browser tests skipped: \(reason)")
            throw XCTSkip(reason)
        }
        world = try WebWorld()
        browser = try WebDriver(log: world.scratch.path("chromedriver.log"))
    }

    override func tearDown() {
        browser?.quit()
        browser = nil
        world = nil
    }
}
