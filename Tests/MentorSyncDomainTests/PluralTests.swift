import XCTest
@testable import MentorSyncDomain

/// Russian counted nouns take one of three forms by the last one or two digits.
final class PluralTests: XCTestCase {
    func testRussianFormsFollowTheLastDigits() {
        let forms = [0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 112, 122].map { Plural.ru(count: $0, "пакет", "пакета", "пакетов") }
        XCTAssertEqual(forms, ["0 пакетов", "1 пакет", "2 пакета", "4 пакета", "5 пакетов", "11 пакетов", "12 пакетов", "14 пакетов",
                               "21 пакет", "22 пакета", "25 пакетов", "101 пакет", "111 пакетов", "112 пакетов", "122 пакета"])
    }

    func testEnglishHasOneAndOther() {
        XCTAssertEqual([0, 1, 2].map { Plural.en(count: $0, "bundle", "bundles") }, ["0 bundles", "1 bundle", "2 bundles"])
    }

    /// The words after a count agree with it too: «1 изменённая запись … (она уходит …)».
    func testTheUnacknowledgedLineAgreesWithItsCount() {
        XCTAssertEqual(Message.schoolUnacknowledged(1).text(.ru),
                       "1 изменённая запись ещё не подтверждена управлением образования (она уходит с каждым обменом, пока оно её не подтвердит)")
        XCTAssertEqual(Message.schoolUnacknowledged(3).text(.ru),
                       "3 изменённые записи ещё не подтверждены управлением образования (они уходят с каждым обменом, пока оно их не подтвердит)")
        XCTAssertEqual(Message.schoolUnacknowledged(1).text(.en), "1 changed row not yet acknowledged by the district (it goes with every sync until it confirms)")
        XCTAssertEqual(Message.schoolUnacknowledged(2).text(.en), "2 changed rows not yet acknowledged by the district (they go with every sync until it confirms)")
    }

    /// Counts that can be one (a backup, a restored copy) and Russian counts after 4 agree too.
    func testCountsInReceiptsAndRefusalsAgree() {
        XCTAssertTrue(Message.backupWritten(site: "s001", file: "f", size: "1 KiB", rows: 1, integrity: "ok", seconds: "0.1").text(.en).contains("1 KiB, 1 row, integrity"))
        // Russian decimals have a comma; the English keep the point.
        XCTAssertTrue(Message.backupWritten(site: "s001", file: "f", size: "12.3 МБ", rows: 1, integrity: "ok", seconds: "0.8").text(.ru)
            .hasSuffix("12,3 МБ, 1 строка, проверка целостности: в порядке, 0,8 с"))
        XCTAssertTrue(Message.backupWritten(site: "s001", file: "f", size: "12.3 MB", rows: 1, integrity: "ok", seconds: "0.8").text(.en).hasSuffix("12.3 MB, 1 row, integrity ok, 0.8 s"))
        XCTAssertTrue(Message.restoredCopy(1).text(.en).contains("1 row written since goes with the next sync"))
        XCTAssertTrue(Message.restoredCopy(3).text(.en).contains("3 rows written since go with the next sync"))
        XCTAssertTrue(Message.restoredCopy(1).text(.ru).contains("1 запись, сделанная с тех пор, уйдёт со следующим обменом"))
        XCTAssertTrue(Message.restoredCopy(21).text(.ru).contains("21 запись, сделанная с тех пор, уйдёт со следующим обменом"))
        XCTAssertTrue(Message.restoredCopy(3).text(.ru).contains("3 записи, сделанные с тех пор, уйдут со следующим обменом"))
        XCTAssertTrue(Message.restoredCopy(5).text(.ru).contains("5 записей, сделанных с тех пор, уйдут со следующим обменом"))
        // A new computer set up from the enrollment file has written nothing since: no count of nothing.
        XCTAssertEqual(Message.restoredCopy(0).text(.ru), "к сведению: у управления образования есть изменения, которых этот реестр не отправлял (registry.db восстановлен из старой копии, школа заново установлена на другом компьютере или её папка скопирована на второй компьютер — тогда работайте только на одном); у управления запрошена полная копия: всё, что оно получило от школы, вернётся со следующим обменом")
        XCTAssertFalse(Message.restoredCopy(0).text(.en).contains("0 rows"))
        XCTAssertTrue(Message.importSeveralRowsOfPerson(5, table: "mentors").text(.ru).contains("уже 5 строк в таблице"))
        XCTAssertTrue(Message.importSeveralRowsOfPerson(2, table: "mentors").text(.ru).contains("уже 2 строки в таблице"))
        let context = EntryContext.column("person_id", table: "mentors")
        XCTAssertTrue(Message.referenceAmbiguous(context, text: "Иванова", table: "persons", candidates: Array(repeating: "x", count: 21)).text(.ru).contains("подходит к 21 строке таблицы"))
        XCTAssertTrue(Message.referenceAmbiguous(context, text: "Иванова", table: "persons", candidates: ["a", "b"]).text(.ru).contains("подходит к 2 строкам таблицы"))
    }
}
