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
}
