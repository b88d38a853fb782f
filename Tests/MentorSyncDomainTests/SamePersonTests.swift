import Foundation
import XCTest
@testable import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// A person added by hand who is already in the school's list is not added twice; namesakes told
/// apart by their birth dates are two people, and another school's namesake is not this school's.
final class SamePersonTests: XCTestCase {
    func testTheSamePersonIsNotAddedTwice() throws {
        let scratch = ScratchDirectory("same-person")
        let school = try Replica.create(path: scratch.path("s017.db").path, site: SiteID("s017")!, role: .school,
                                        district: SiteID("district")!, schema: RegistrySchema.schema)
        let editor = RegistryEditor(replica: school)
        let first = try editor.put(table: "persons", sets: [("full_name", "Иванов Пётр Сергеевич"), ("birth_date", "18.04.2002")]).id
        func count() throws -> Int64 { try school.database.scalar("SELECT count(*) FROM persons")?.integer ?? -1 }

        XCTAssertThrowsError(try editor.put(table: "persons", sets: [("full_name", " иванов  петр сергеевич"), ("birth_date", "2002-04-18")])) { e in
            XCTAssertEqual((e as? MessageError)?.message.key, "registry.person_already_there")
            XCTAssertTrue((e as? MessageError)?.message.russian.contains("«Иванов Пётр Сергеевич» [\(ReferenceResolver.shortID(first))] уже есть в списке") ?? false, "\(e)")
        }
        XCTAssertEqual(try count(), 1)
        // A namesake born another day is another person; so is one with a birth date beside one without.
        _ = try editor.put(table: "persons", sets: [("full_name", "Иванов Пётр Сергеевич"), ("birth_date", "03.05.1979")])
        XCTAssertEqual(try count(), 2)
        _ = try editor.put(table: "persons", sets: [("full_name", "Орлова Анна")])
        XCTAssertThrowsError(try editor.put(table: "persons", sets: [("full_name", "Орлова Анна")])) { e in
            XCTAssertTrue((e as? MessageError)?.message.russian.contains("если это другой человек — укажите дату рождения") ?? false, "\(e)")
        }
        _ = try editor.put(table: "persons", sets: [("full_name", "Орлова Анна"), ("birth_date", "01.02.1990")])
        // Another school's row of the same name (held through network mentoring) is not this school's person.
        try school.database.execute("INSERT INTO persons (id, org_id, full_name) VALUES ('p-other', 's002', 'Смирнова Ольга')")
        _ = try editor.put(table: "persons", sets: [("full_name", "Смирнова Ольга")])
        XCTAssertEqual(try count(), 6)
    }
}
