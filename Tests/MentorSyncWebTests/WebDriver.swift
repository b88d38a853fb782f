import Foundation
import XCTest
import MentorSyncTestSupport

/// A headless Chromium driven through chromedriver's W3C WebDriver HTTP API
/// (https://www.w3.org/TR/webdriver2/), one JSON request at a time.
/// Every wait polls for an element with a generous deadline: a loaded machine is slow, never flaky.
final class WebDriver {
    struct Failure: Error, CustomStringConvertible { let description: String }

    static let chromedriver = "/usr/bin/chromedriver"
    static let chromium = "/usr/bin/chromium"
    /// How long any wait for a page or an element lasts before the test fails.
    static let patience: TimeInterval = 30

    let process: Process
    let port: UInt16
    var session = ""
    let log: URL

    /// Why these tests cannot run here (chromedriver or chromium missing), or nil.
    static var missing: String? {
        for path in [chromedriver, chromium] where !FileManager.default.isExecutableFile(atPath: path) {
            return "\(path) is missing: run ./scripts/ensure-deps (apt-get install chromium chromium-driver)"
        }
        return nil
    }

    /// Starts chromedriver on a free port and opens a Russian browser window of `width`×`height`.
    init(log: URL, width: Int = 1366, height: Int = 768) throws {
        self.log = log
        port = try Self.freePort()
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.chromedriver)
        process.arguments = ["--port=\(port)"]
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let ready = ToolRunner.waitUntil(timeout: Self.patience) {
            (((try? self.call("GET", "/status"))?["value"] as? [String: Any])?["ready"] as? Bool) == true
        }
        guard ready else { throw Failure(description: "chromedriver did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")") }
        let options: [String: Any] = [
            "binary": Self.chromium,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-extensions",
                     "--no-first-run", "--lang=ru-RU", "--window-size=\(width),\(height)"],
            "prefs": ["intl.accept_languages": "ru-RU,ru"],
        ]
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": options,
                                                                            "timeouts": ["pageLoad": Int(Self.patience * 1000)]]]]
        let answer = try call("POST", "/session", capabilities)
        guard let id = (answer["value"] as? [String: Any])?["sessionId"] as? String else { throw Failure(description: "no session: \(answer)") }
        session = id
    }

    /// Closes the browser, then chromedriver.
    func quit() {
        if !session.isEmpty { _ = try? call("DELETE", "/session/\(session)") }
        session = ""
        if process.isRunning { process.terminate(); process.waitUntilExit() }
    }

    deinit { quit() }

    // MARK: pages and elements

    func go(_ url: String) throws { _ = try command("POST", "url", ["url": url]) }
    func currentURL() throws -> String { try command("GET", "url") as? String ?? "" }
    func title() throws -> String { try command("GET", "title") as? String ?? "" }
    func source() throws -> String { try command("GET", "source") as? String ?? "" }

    /// The first element matching the CSS selector, waited for.
    @discardableResult
    func element(_ css: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try waitForElement(["using": "css selector", "value": css], what: css)
    }

    /// The first element at the XPath, waited for.
    @discardableResult
    func element(xpath: String) throws -> String {
        try waitForElement(["using": "xpath", "value": xpath], what: xpath)
    }

    private func waitForElement(_ query: [String: String], what: String) throws -> String {
        var found: String?
        _ = ToolRunner.waitUntil(timeout: Self.patience) {
            let v = try? self.command("POST", "element", query) as? [String: Any]
            found = v?.first(where: { $0.key.hasPrefix("element-") })?.value as? String
            return found != nil
        }
        guard let found else {
            throw Failure(description: "no element \(what) on \((try? currentURL()) ?? "?"): \(((try? source()) ?? "").prefix(1500))")
        }
        return found
    }

    func click(element: String) throws { _ = try command("POST", "element/\(element)/click", [:]) }
    func click(_ css: String) throws { try click(element: try self.element(css)) }

    /// Presses the button or follows the link of the page's main part that shows `words`.
    func press(_ words: String) throws {
        try click(element: try element(xpath: "//main//*[(self::button or self::a) and normalize-space(.)='\(words)']"))
    }

    /// Chooses a file in a file field, as a person picking it in the dialog would.
    func attach(_ css: String, file: URL) throws {
        _ = try command("POST", "element/\(try element(css))/value", ["text": file.path])
    }

    /// Types `text` into the field, as a person would.
    func type(_ css: String, _ text: String) throws {
        let e = try element(css)
        _ = try command("POST", "element/\(e)/clear", [:])
        _ = try command("POST", "element/\(e)/value", ["text": text])
    }

    /// Types a date into a date field in the order the field shows it (headless Chromium keeps the
    /// en-US order, month first, whatever LANG or --lang says), as a person reads the field.
    func typeDate(_ css: String, day: Int, month: Int, year: Int) throws {
        let order = try script("""
            return new Intl.DateTimeFormat().formatToParts(new Date(2000, 10, 22)).filter(p => p.type != 'literal').map(p => p.type);
            """) as? [String] ?? ["day", "month", "year"]
        let parts = ["day": String(format: "%02d", day), "month": String(format: "%02d", month), "year": String(year)]
        try click(css)
        _ = try command("POST", "element/\(try element(css))/value", ["text": order.compactMap { parts[$0] }.joined()])
    }

    /// Ticks the checkbox whose label shows `words`.
    func tick(_ words: String) throws {
        try click(element: try element(xpath: "//label[normalize-space(.)='\(words)']/input[@type='checkbox']"))
    }

    /// Chooses the option of a <select> by the words it shows.
    func choose(_ selectCSS: String, _ visibleText: String) throws {
        let select = try element(selectCSS)
        let id = try command("GET", "element/\(select)/attribute/id") as? String ?? ""
        try click(element: try element(xpath: "//select[@id='\(id)']/option[normalize-space(.)='\(visibleText)']"))
    }

    func text(_ css: String) throws -> String {
        try command("GET", "element/\(try element(css))/text") as? String ?? ""
    }

    /// Runs a script in the page and returns its result.
    func script(_ body: String, _ args: [Any] = []) throws -> Any? {
        try command("POST", "execute/sync", ["script": body, "args": args])
    }

    /// Waits until the page's text holds `words`; a page that shows an error instead fails at once.
    func waitForText(_ words: String) throws {
        var error = ""
        let seen = ToolRunner.waitUntil(timeout: Self.patience) {
            let state = (try? self.script("""
                const e = document.querySelector('[role=alert]');
                return [document.body ? document.body.innerText : '', e ? e.innerText : ''];
                """)) as? [String] ?? []
            error = state.count == 2 ? state[1] : ""
            return state.first?.contains(words) == true || !error.isEmpty
        }
        if !error.isEmpty { throw Failure(description: "«\(words)» expected on \((try? currentURL()) ?? "?"), the page says: \(error)") }
        if !seen { throw Failure(description: "«\(words)» never appeared on \((try? currentURL()) ?? "?"): \(((try? source()) ?? "").prefix(1500))") }
    }

    /// The whole page as a PNG (the window's size), written to `file`.
    func screenshot(_ file: URL) throws {
        guard let b64 = try command("GET", "screenshot") as? String, let png = Data(base64Encoded: b64) else {
            throw Failure(description: "no screenshot")
        }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try png.write(to: file)
    }

    // MARK: the wire

    private func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> Any? {
        try call(method, "/session/\(session)/\(path)", body)["value"].flatMap { $0 is NSNull ? nil : $0 }
    }

    /// One WebDriver request; a W3C error answer (a "value" with "error") is thrown.
    /// Sent on a raw socket: chromedriver writes `Content-Length:252` (no space, as RFC 9110 allows)
    /// and this toolchain's URLSession on Linux refuses such headers (swift-corelibs-foundation #5527).
    @discardableResult
    func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> [String: Any] {
        let json = try body.map { try JSONSerialization.data(withJSONObject: $0) } ?? Data()
        guard let answer = RawHTTP.exchange(port: port, method, path, contentType: "application/json; charset=utf-8",
                                            body: Array(json), timeout: Int(Self.patience * 2)) else {
            throw Failure(description: "\(method) \(path): no answer from chromedriver")
        }
        guard let object = try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any] else {
            throw Failure(description: "\(method) \(path): not JSON")
        }
        if let value = object["value"] as? [String: Any], let error = value["error"] as? String {
            throw Failure(description: "\(method) \(path): \(error): \(value["message"] as? String ?? "")")
        }
        return object
    }

    /// A port the kernel had free a moment ago.
    static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var sin = sockaddr_in()
        sin.sin_family = sa_family_t(AF_INET)
        sin.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &sin) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard ok else { throw Failure(description: "no free port") }
        return UInt16(bigEndian: sin.sin_port)
    }
}
