import Foundation
import XCTest
import MentorSyncTestSupport

/// Where the browser tests leave what a person would look at: screenshots of the main pages in
/// `.build/test-output/screenshots` (a stable path beside the build), and each page's weight.
final class BrowserGallery {
    let folder: URL

    init() {
        // The products folder is .build/<triple>/debug; the gallery sits in .build itself.
        let build = ToolRunner.productsDirectory.deletingLastPathComponent().deletingLastPathComponent()
        folder = build.appendingPathComponent("test-output/screenshots")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// A screenshot of the page the browser shows, named `name.png`.
    func keep(_ b: WebDriver, _ name: String) throws {
        try b.screenshot(folder.appendingPathComponent("\(name).png"))
    }

    /// Prints the bytes of each page as the browser loads it: its HTML, plus every stylesheet and
    /// script it links (fetched again, so a cached one counts too).
    func weigh(_ b: WebDriver, _ site: String, _ paths: [String]) throws {
        for path in paths {
            try b.go(site + path)
            let html = try b.script("return performance.getEntriesByType('navigation')[0].decodedBodySize") as? Int ?? 0
            let linked = try b.script("""
                return [...document.querySelectorAll('link[rel=stylesheet][href], script[src]')].map(e => e.href || e.src);
                """) as? [String] ?? []
            var extra = 0
            for url in linked {
                guard let u = URL(string: url), let port = u.port, let a = RawHTTP.request(port: UInt16(port), "GET", u.path) else { continue }
                extra += a.body.utf8.count
            }
            print("browser page weight: \(path) \(html + extra) bytes (HTML \(html), CSS+JS \(extra))")
            XCTAssertGreaterThan(html, 0, "\(path): no HTML measured")
        }
    }
}
