import Foundation
import XCTest
import MentorSyncTestSupport

/// Requests made to hurt the app, sent by a client that holds a session (any program on the
/// school's computer can open one on 127.0.0.1): each is answered at once and stops no other page.
final class WebHostileRequestTests: XCTestCase {
    /// An upload of a 1 MB body cut into tiny parts had each part's headers looked for up to the
    /// body's end (minutes per megabyte, hours for 10 MB), the registry locked meanwhile: every page
    /// of the app waited. It is read in one pass now; a boundary longer than RFC 2046 allows is malformed.
    func testAnUploadOfTinyPartsIsAnsweredAtOnceAndStopsNoOtherPage() throws {
        let w = try WebWorld()
        let port = try w.start("mentorsync-school", home: w.schoolHome)
        let client = WebClient(port: port)
        client.get("/import")
        let cookie = try XCTUnwrap(client.cookie), token = try XCTUnwrap(client.token)
        for (boundary, body) in [("-", String(repeating: "---xxxxxx", count: 120_000)),
                                 (String(repeating: "-", count: 4_000), String(repeating: String(repeating: "-", count: 4_001) + "x", count: 250))] {
            let answer = RawHTTP.request(port: port, "PUT-AS-POST", "/import/preview?csrf=\(token)",
                                         headers: ["Cookie": cookie, "Content-Type": "multipart/form-data; boundary=\(boundary)",
                                                   "Content-Length": "\(body.utf8.count)"], body: body)
            XCTAssertEqual(answer?.status, 422, "boundary of \(boundary.count): \(answer?.body.suffix(300) ?? "no answer")")
            XCTAssertTrue(answer?.body.contains("выберите файл для загрузки") ?? false, answer?.body ?? "")
        }
        XCTAssertEqual(client.get("/status")?.status, 200)
        XCTAssertFalse(FileManager.default.fileExists(atPath: w.schoolHome.appendingPathComponent("web-imports").path), "nothing kept")
    }

    /// The app answers 512 connections at once; one machine on the network holding 520 open with
    /// a header begun and never finished (slowloris, renewed every 10 s) left every other computer
    /// «сервер занят» for as long as it went on. On a network address one client holds at most 64;
    /// the others are served.
    func testOneMachineHoldingConnectionsOpenLeavesRoomForTheOthers() throws {
        let w = try WebWorld()
        try w.setPassword(w.districtHome, "mentorsync-district", "верный пароль 1")
        let port = try w.start("mentorsync-district", home: w.districtHome, listen: "0.0.0.0:0")
        var slow: [Int32] = []
        defer { slow.forEach { close($0) } }
        for _ in 0..<520 {
            let fd = try XCTUnwrap(RawHTTP.connect(port: port, timeout: 20))
            RawHTTP.write(fd, Array("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nX-Slow: ".utf8))
            slow.append(fd)
        }
        // Another computer (any address of 127.0.0.0/8 but 127.0.0.1 speaks as another client).
        let other = RawHTTP.request(port: port, "GET", "/login", from: "127.0.0.2")
        XCTAssertEqual(other?.status, 200, other?.body ?? "no answer")
        let more = RawHTTP.request(port: port, "GET", "/login")
        XCTAssertEqual(more?.status, 503, "the same machine once more: \(more?.body ?? "no answer")")
        XCTAssertEqual(more?.body, "сервер занят; попробуйте через минуту\n")
    }
}
