import Foundation
import MentorSyncTestSupport
import MentorSyncEngine

/// The vectors written only in format version 2 (Protocol/vectors/README.md), continuing the story:
/// (d) the district, at registry schema 2, answers s017, which still runs schema 1; (e) s017,
/// upgraded and restored from a backup, asks for its full subscription and sends an event whose id
/// is not a UUID; (f) the district tells s017 a row's new version with no cell to send.
extension ProtocolVectors {
    /// Column names as registry schema 1 declares them (Protocol/schema.md).
    static let eventsV1 = Doc.Table(name: "events", columns: ["org_id", "code", "section", "title", "result", "starts_on", "ends_on",
                                                              "schedule", "responsible", "document", "status", "done_on"])
    static let mentorsV1 = Doc.Table(name: "mentors", columns: ["org_id", "person_id", "status", "competencies", "trained_on",
                                                                "training_course", "notes"])
    /// Schema 2 adds `kind` to events.
    static let eventsV2 = Doc.Table(name: "events", columns: eventsV1.columns + ["kind"])

    static let districtEvent = "4c6e8a0b-2d4f-4a6c-9e8b-0d2f4a6c8e1b"
    static let schoolEvent = "s017-fest-2025"

    /// (d) The district runs schema 2 and holds its seminar with `kind = seminar`; s017 declares
    /// schema 1, so the reply says schema 1, declares `mentors` and `events` with schema 1's columns
    /// (no `network`, no `kind`) and sends the seminar without its kind.
    static var districtReplySchema1: BundleDocument {
        let values: [Doc.Value] = [
            .integer(1), .text("district"), .text("2.3"), .text("2. Методическое сопровождение наставников"),
            .text("Муниципальный семинар «Наставничество: лучшие практики»"), .null, .text("2025-11-20"), .text("2025-11-20"),
            .null, .text("ЦРО"), .null, .text("planned"), .null,
        ]
        return Doc(header: .init(formatVersion: 2, schemaVersion: 1, sender: "district", recipient: "s017",
                                 bundleID: "6d1e3f5a7b9c4d2e8f0a1b3c5d7e9f21", sequence: 5, createdAt: 1_763_546_400, kind: "reply",
                                 knowledge: ["district": 125, "s017": 12], acknowledgement: ["s017": 12],
                                 counts: .init(rows: 1, tombstones: 0, conflicts: 0), software: "mentorsync 0.2.0",
                                 nonce: "1c2d3e4f5a6b7c8d9e0f1a2b"),
                   tables: [mentorsV1, eventsV1],
                   records: [.row(.init(table: "events", id: districtEvent, orgID: "district", version: ["district": 125],
                                        cells: cells(eventsV1, 125, "district", values.enumerated().map { ($0.offset, $0.element) })))])
    }

    /// (e) s017 at schema 2, put back from a backup, sets `wants_full` and sends an event it wrote
    /// whose id is not a canonical UUID, so it travels as text (row id tag 3).
    static var textRowID: BundleDocument {
        let values: [Doc.Value] = [
            .integer(1), .text("s017"), .null, .null, .text("Фестиваль наставнических практик школы"), .null, .text("2026-03-14"),
            .null, .null, .null, .null, .text("planned"), .null, .text("practice_sharing"),
        ]
        return Doc(header: .init(formatVersion: 2, schemaVersion: 2, sender: "s017", recipient: "district",
                                 bundleID: "7e2f4a6b8c0d4e1f9a3b5c7d9e1f3a52", sequence: 6, createdAt: 1_764_151_200, kind: "changes",
                                 knowledge: ["district": 125, "s017": 13], acknowledgement: ["district": 125],
                                 counts: .init(rows: 1, tombstones: 0, conflicts: 0), wantsFull: true, software: "mentorsync 0.2.0",
                                 nonce: "2d3e4f5a6b7c8d9e0f1a2b3c"),
                   tables: [eventsV2],
                   records: [.row(.init(table: "events", id: schoolEvent, orgID: "s017", version: ["s017": 13],
                                        cells: cells(eventsV2, 13, "s017", values.enumerated().map { ($0.offset, $0.element) })))])
    }

    /// (f) The district corrected person 1's position (130@district) while s017 changed it too and
    /// later (14@s017, which won); the district merged s017's value. The row's version now holds
    /// district 130, which s017 has not seen, but every cell's stamp is one s017 knows: the ROW
    /// carries the version alone (present = 0).
    static var rowWithoutCells: BundleDocument {
        Doc(header: .init(formatVersion: 2, schemaVersion: 2, sender: "district", recipient: "s017",
                          bundleID: "8f3a5b7c9d1e4f2a0b4c6d8e0f2a4b63", sequence: 7, createdAt: 1_764_237_600, kind: "reply",
                          knowledge: ["district": 131, "s017": 14], acknowledgement: ["s017": 14],
                          counts: .init(rows: 1, tombstones: 0, conflicts: 0), software: "mentorsync 0.2.0",
                          nonce: "3e4f5a6b7c8d9e0f1a2b3c4d"),
            tables: [persons],
            records: [.row(.init(table: "persons", id: person1, orgID: "s017", version: ["district": 130, "s017": 14], cells: []))])
    }
}
