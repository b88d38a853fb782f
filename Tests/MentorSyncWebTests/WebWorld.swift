import Foundation
import XCTest
import MentorSyncEngine
import MentorSyncTestSupport

/// A district and one school set up through the real binaries, and the web app of either started
/// on a port the kernel chooses; a browser-like client keeps the session cookie and the form token.
final class WebWorld {
    let scratch = ScratchDirectory("web")
    let districtHome: URL
    let schoolHome: URL
    var servers: [Process] = []

    init() throws {
        districtHome = scratch.path("district")
        schoolHome = scratch.path("school")
        let enroll = scratch.path("s001.enroll")
        try check(ToolRunner.run("mentorsync-district", ["init", "--name", "Управление образования", "--home", districtHome.path]))
        try check(ToolRunner.run("mentorsync-district", ["enroll", "--site", "s001", "--name", "Школа № 1", "--out", enroll.path, "--home", districtHome.path]))
        try check(ToolRunner.run("mentorsync-school", ["init", "--enroll", enroll.path, "--home", schoolHome.path]))
    }

    deinit { for p in servers where p.isRunning { p.terminate(); p.waitUntilExit() } }

    func check(_ r: ToolResult, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.exitCode, 0, r.stdout + r.stderr, file: file, line: line)
    }

    /// `mentorsync-school put …` on the school's home, as the deputy head would type it.
    func putAtSchool(_ args: String..., file: StaticString = #filePath, line: UInt = #line) throws {
        check(try ToolRunner.run("mentorsync-school", ["put"] + args + ["--home", schoolHome.path]), file: file, line: line)
    }

    /// Plain SQL on a registry, as another SQLite client would write it.
    func sql(_ home: URL, _ statement: String) throws {
        let r = try ToolRunner.runProgram(URL(fileURLWithPath: "/usr/bin/sqlite3"), [home.appendingPathComponent("registry.db").path, statement])
        XCTAssertEqual(r.exitCode, 0, r.stderr)
    }

    /// Everything registry.db holds, as a checksum: the file and its write-ahead log, byte for byte.
    func checksum(_ home: URL) -> String {
        let files = ["registry.db", "registry.db-wal"].map { home.appendingPathComponent($0) }
        return files.map { (try? Data(contentsOf: $0)).map { "\($0.count):" + Hex.encode(SHA256.hash(Array($0))) } ?? "-" }.joined(separator: "|")
    }

    /// Starts `web` of a tool and returns its port, read from the URL it prints first.
    func start(_ tool: String, home: URL, listen: String = "127.0.0.1:0", extra: [String] = [], environment: [String: String] = [:],
               file: StaticString = #filePath, line: UInt = #line) throws -> UInt16 {
        let log = scratch.path("\(tool)-\(servers.count).log")
        // The people it is made for read Russian (the locale rule of DESIGN.md).
        let p = try ToolRunner.start(tool, ["web", "--listen", listen, "--home", home.path] + extra, log: log, environment: ToolLocale.russian.merging(environment) { _, given in given })
        servers.append(p)
        var port: UInt16?
        _ = ToolRunner.waitUntil(timeout: 20) {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            guard let first = text.split(separator: "\n").first, first.hasPrefix("http://"), first.hasSuffix("/") else { return false }
            port = UInt16(first.dropLast().split(separator: ":").last ?? "")
            return true
        }
        guard let port else {
            XCTFail("web did not print its URL: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")", file: file, line: line)
            throw CancellationError()
        }
        return port
    }
}

/// A browser of one session: keeps its cookie, reads each page's form token.
final class WebClient {
    let port: UInt16
    var cookie: String?
    var token: String?
    /// Headers sent with every request (those a proxy adds).
    var extraHeaders: [String: String] = [:]

    init(port: UInt16) { self.port = port }

    /// The school's sync page opened and «Выполнить обмен» pressed with `folder`: the page it answers.
    func syncPage(with folder: URL) -> String {
        get("/sync")
        return post("/sync", [("share", folder.path)])?.body ?? ""
    }

    @discardableResult
    func get(_ target: String, host: String? = nil) -> HTTPAnswer? {
        let a = RawHTTP.request(port: port, "GET", target, host: host, headers: extraHeaders.merging(cookie.map { ["Cookie": $0] } ?? [:]) { $1 })
        remember(a)
        return a
    }

    /// A POST of form fields; the token goes in the URL unless `withToken` is false.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)], withToken: Bool = true, origin: String? = nil, host: String? = nil) -> HTTPAnswer? {
        var headers = extraHeaders.merging(cookie.map { ["Cookie": $0] } ?? [:]) { $1 }
        if let origin { headers["Origin"] = origin }
        let target = withToken ? path + (path.contains("?") ? "&" : "?") + "csrf=\(token ?? "")" : path
        let a = RawHTTP.request(port: port, "POST", target, host: host, headers: headers, body: WebClient.form(fields))
        remember(a)
        return a
    }

    /// A file upload (`multipart/form-data`) with its token in the URL.
    @discardableResult
    func upload(_ path: String, fields: [(String, String)], file: (name: String, bytes: String)) -> HTTPAnswer? {
        upload(path, fields: fields, file: (file.name, Data(file.bytes.utf8)))
    }

    /// A file of any bytes (a workbook) uploaded so.
    @discardableResult
    func upload(_ path: String, fields: [(String, String)], file: (name: String, data: Data)) -> HTTPAnswer? {
        let boundary = "----mentorsync\(UUID().uuidString)"
        var head = ""
        for (k, v) in fields { head += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n" }
        head += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: text/csv\r\n\r\n"
        let body = Array(head.utf8) + [UInt8](file.data) + Array("\r\n--\(boundary)--\r\n".utf8)
        var headers = cookie.map { ["Cookie": $0] } ?? [:]
        headers["Content-Type"] = "multipart/form-data; boundary=\(boundary)"
        headers["Content-Length"] = "\(body.count)"
        let a = RawHTTP.request(port: port, "PUT-AS-POST", path + "?csrf=\(token ?? "")", headers: headers, bytes: body)
        remember(a)
        return a
    }

    static func form(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
    }

    private func remember(_ a: HTTPAnswer?) {
        guard let a else { return }
        if let c = a.header("set-cookie"), let pair = c.split(separator: ";").first { cookie = String(pair) }
        if let r = a.body.range(of: "csrf=") {
            token = String(a.body[r.upperBound...].prefix { $0.isHexDigit })
        }
    }
}

extension WebWorld {
    /// The id of the person named `name` in a registry, read as a script would (`list --json`).
    func id(of name: String, home: URL, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try ToolRunner.run(home == districtHome ? "mentorsync-district" : "mentorsync-school", ["list", "persons", "--json", "--home", home.path])
        let rows = (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [[String: Any]] ?? []
        guard let id = rows.first(where: { $0["full_name"] as? String == name })?["id"] as? String else {
            XCTFail("no person \(name): \(r.output)", file: file, line: line)
            throw CancellationError()
        }
        return id
    }
}

extension WebWorld {
    /// `web-password --user deputy` on a home, the password typed as one line.
    func setPassword(_ home: URL, _ tool: String, _ password: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try ToolRunner.runProgram(URL(fileURLWithPath: "/bin/sh"), ["-c", "printf '%s\\n' \"$PW\" | \"$TOOL\" web-password --user deputy --home \"$HOME_DIR\""],
                                          environment: ["PW": password, "TOOL": ToolRunner.executable(tool).path, "HOME_DIR": home.path])
        XCTAssertEqual(r.exitCode, 0, r.output, file: file, line: line)
    }
}
