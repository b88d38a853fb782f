import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncTestSupport

/// The everyday receipts of both tools (init, enroll, sync, ingest) in the reader's language,
/// through the real binaries: Russian under LANG=ru_RU.UTF-8, English under LANG=C.UTF-8.
final class ReceiptLanguageTests: XCTestCase {

    /// One district and one school set up and synced twice in the given language; every stdout, in order.
    struct Run {
        let scratch = ScratchDirectory("receipts")
        let env: [String: String]
        var out: [String: String] = [:]

        /// `onStick`: the share is where sticks are mounted (its folder is under the tools' `MENTORSYNC_SHARE_ROOTS`).
        init(_ env: [String: String], onStick: Bool = false) {
            self.env = env.merging(onStick ? ["MENTORSYNC_SHARE_ROOTS": scratch.url.path] : [:]) { $1 }
        }

        mutating func tool(_ label: String, _ tool: String, _ args: [String], home: String) throws {
            let r = try ToolRunner.run(tool, args + ["--home", scratch.path(home).path], environment: env)
            XCTAssertEqual(r.exitCode, 0, "\(label): \(r.output)")
            out[label] = r.stdout
        }

        mutating func everyday() throws {
            let enroll = scratch.path("s001.enroll").path, stick = scratch.folder("stick").path
            try tool("init", "mentorsync-district", ["init", "--name", "Управление образования г. Дубна"], home: "district")
            try tool("enroll", "mentorsync-district", ["enroll", "--site", "s001", "--name", "Лицей № 1", "--out", enroll], home: "district")
            try tool("school init", "mentorsync-school", ["init", "--enroll", enroll], home: "school")
            try tool("prepare", "mentorsync-district", ["ingest", "--share", stick], home: "district")
            for (id, name) in [("p1", "Иванова Анна"), ("p2", "Петров Пётр")] {
                try tool("put", "mentorsync-school", ["put", "persons", "--id", id, "--set", "full_name=\(name)", "--set", "role=teacher"], home: "school")
            }
            try tool("sync", "mentorsync-school", ["sync", "--share", stick], home: "school")
            try tool("ingest", "mentorsync-district", ["ingest", "--share", stick], home: "district")
            try tool("sync again", "mentorsync-school", ["sync", "--share", stick], home: "school")
        }

        func text(_ label: String) -> String { out[label] ?? "" }
    }

    func testReceiptsAreInRussianUnderARussianLocale() throws {
        var run = Run(ToolLocale.russian, onStick: true)
        try run.everyday()
        XCTAssertTrue(run.text("init").hasPrefix("«Управление образования г. Дубна» (код district): папка создана — "), run.text("init"))
        // A site is a «код» (of a school, of the district) in every Russian line, never «узел» or «площадка».
        XCTAssertNil(run.text("init").range(of: "узел|площадк", options: .regularExpression), run.text("init"))
        XCTAssertTrue(run.text("enroll").contains("школа s001 — Лицей № 1 — подключена\n"), run.text("enroll"))
        // What the school does is said for the deputy head, who has no terminal: the web app's first page takes the file.
        XCTAssertTrue(run.text("enroll").contains("В школе: откройте mentorsync в браузере на компьютере школы (http://127.0.0.1:8470), выберите s001.enroll на странице «Подключение школы» и нажмите «Подключить» (или: mentorsync-school init --enroll s001.enroll)."), run.text("enroll"))
        XCTAssertTrue(run.text("school init").contains("дальше: mentorsync-school sync --share"), run.text("school init"))
        XCTAssertTrue(run.text("school init").contains("или всё в браузере: mentorsync-school web"), run.text("school init"))
        // On a stick the file is not sent yet: the receipt says where it is and that the stick must go.
        XCTAssertTrue(run.text("sync").contains("записано на флешку для управления образования: 2 изменённые записи; файл s001-"), run.text("sync"))
        XCTAssertTrue(run.text("sync").hasSuffix("дальше: отвезите флешку в управление образования (или отдайте курьеру); ответ вернётся на ней\n"), run.text("sync"))
        XCTAssertFalse(run.text("sync").contains("отправлено"), run.text("sync"))
        // The next sync sends them again, as the district's reply is read after; the reply read then
        // confirms them, and the receipt says nothing new went, not that they are unconfirmed.
        XCTAssertTrue(run.text("sync again").hasPrefix("новых изменений нет: управление образования подтвердило, что получило все ваши изменения; файл s001-"), run.text("sync again"))
        XCTAssertTrue(run.text("sync").contains("ответа от управления образования здесь пока нет"), run.text("sync"))
        XCTAssertTrue(run.text("ingest").contains("принят 1 пакет (изменено записей: 2, конфликтов: 0, отклонено записей: 0)"), run.text("ingest"))
        XCTAssertTrue(run.text("ingest").contains("записан ответ школе Лицей № 1\n"), "the reply by its school, not its file: \(run.text("ingest"))")
        XCTAssertEqual(Message.wroteReplies(to: ["Лицей № 1", "Школа № 2"]).russian, "записаны ответы школам: Лицей № 1, Школа № 2")
        XCTAssertEqual(Message.wroteReplies(to: Array(repeating: "Школа", count: 21)).russian, "записаны ответы 21 школе")
        XCTAssertEqual(Message.wroteReplies(to: Array(repeating: "Школа", count: 60)).russian, "записаны ответы 60 школам")
        XCTAssertNotNil(run.text("sync again").range(of: "получен 1 ответ: новых записей: [0-9]+, изменённых: [0-9]+, удалённых: [0-9]+", options: .regularExpression), run.text("sync again"))
        XCTAssertEqual(Message.sent(rows: 5, deletions: 1, conflicts: 0, full: false, file: "f.msync", again: 3).russian,
                       "отправлено в общую папку управления образования: 5 изменённых записей (из них удалений: 1) (из них 3 уже отправлялись раньше: управление образования их ещё не подтвердило); файл f.msync")
        XCTAssertEqual(Message.sent(rows: 0, deletions: 0, conflicts: 0, full: false, file: "f.msync").russian,
                       "новых изменений нет; в общую папку управления образования отправлен файл f.msync: он подтверждает полученное")
        XCTAssertEqual(Message.sent(rows: 0, deletions: 0, conflicts: 0, full: false, file: "f.msync", medium: .stick).russian,
                       "новых изменений нет; на флешку записан файл для управления образования f.msync: он подтверждает полученное")
        XCTAssertEqual(Message.sent(rows: 1, deletions: 0, conflicts: 0, full: false, file: "f.msync", medium: .folder).russian,
                       "записано в папку обмена для управления образования: 1 изменённая запись; файл f.msync")
        XCTAssertEqual(Message.sent(rows: 1, deletions: 0, conflicts: 0, full: false, file: "f.msync", again: 1, againConfirmed: true).russian,
                       "новых изменений нет: управление образования подтвердило, что получило все ваши изменения; файл f.msync")
        XCTAssertEqual(Message.sent(rows: 4, deletions: 0, conflicts: 0, full: false, file: "f.msync", again: 1, againConfirmed: true, medium: .stick).russian,
                       "записано на флешку для управления образования: 3 новые изменённые записи; отправленное раньше управление образования получило; файл f.msync")
        // Refusals told below: what the district has is not said to be all it took.
        XCTAssertEqual(Message.sent(rows: 1, deletions: 0, conflicts: 0, full: false, file: "f.msync", again: 1, againConfirmed: true, refused: true).russian,
                       "новых изменений нет: управление образования подтвердило, что получило все ваши изменения, но приняло не все (что и почему — ниже); файл f.msync")
        XCTAssertEqual(Message.sent(rows: 4, deletions: 0, conflicts: 0, full: false, file: "f.msync", again: 1, againConfirmed: true, refused: true).english,
                       "sent to the district's shared folder: 3 new changed rows; what you sent before, the district confirmed it has, but did not accept every change (what and why, below); file f.msync")
        XCTAssertEqual(Message.sent(rows: 4, deletions: 0, conflicts: 0, full: false, file: "f.msync", again: 1, againConfirmed: true, refused: true).russian,
                       "отправлено в общую папку управления образования: 3 новые изменённые записи; отправленное раньше управление образования получило, но приняло не всё (что и почему — ниже); файл f.msync")
        XCTAssertEqual(Message.sent(rows: 4, deletions: 0, conflicts: 0, full: false, file: "f.msync", again: 1).russian,
                       "отправлено в общую папку управления образования: 4 изменённые записи (из них 1 уже отправлялась раньше: управление образования её ещё не подтвердило); файл f.msync")
        XCTAssertEqual(Message.sent(rows: 0, deletions: 0, conflicts: 1, full: false, file: "f.msync").russian,
                       "отправлено в общую папку управления образования: 1 конфликт; файл f.msync")
        // A reply that only confirms is said so, not as three zeros.
        XCTAssertEqual(Message.received(replies: 1, inserted: 0, changed: 0, deleted: 0, alreadyMerged: 0).russian,
                       "получен 1 ответ управления образования: оно подтвердило полученное, новых данных нет")
        // Each row is counted once: a reply of five new rows is not also five changed ones.
        XCTAssertTrue(Message.received(replies: 1, inserted: 5, changed: 7, deleted: 1, alreadyMerged: 0).russian
                        .hasSuffix("получен 1 ответ: новых записей: 5, изменённых: 1, удалённых: 1"))
        XCTAssertTrue(Message.received(replies: 1, inserted: 5, changed: 7, deleted: 1, alreadyMerged: 0).english
                        .hasSuffix("received 1 reply: 5 new rows, 1 changed, 1 deleted"))
        // Nothing of the English receipts is left in the Russian run.
        for (label, text) in run.out {
            for english in ["sent ", "merged ", "wrote ", "received ", "next:", "enrolled", "created in", "set up in", "no reply"] {
                XCTAssertFalse(text.contains(english), "\(label) still says '\(english)': \(text)")
            }
        }
    }

    /// The next Thursday: new rows beside rows sent before that the reply read just after confirms —
    /// the new ones are counted, the others said to have arrived (not "not confirmed yet").
    func testTheNextSyncCountsTheNewRowsAndSaysTheEarlierOnesArrived() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Анна"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        for name in ["Петров Олег", "Сидорова Нина"] { expectOK(try w.school("s001", "put", "persons", "--set", "full_name=\(name)")) }
        let sync = try w.school("s001", environment: ToolLocale.russian, ["sync", "--share", w.stick.path])
        expectOK(sync)
        XCTAssertTrue(sync.stdout.hasPrefix("записано в папку обмена для управления образования: 2 новые изменённые записи; отправленное раньше управление образования получило; файл s001-"), sync.stdout)
        XCTAssertFalse(sync.stdout.contains("ещё не подтвердило"), sync.stdout)
    }

    /// A row sent before and changed since is a new change, not one sent again: never «новых изменений нет».
    func testARowChangedSinceItWentIsToldAsNew() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Анна", "--id", "p1"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        expectOK(try w.school("s001", "put", "persons", "--id", "p1", "--set", "position=завуч"))
        let sync = try w.school("s001", environment: ToolLocale.russian, ["sync", "--share", w.stick.path])
        expectOK(sync)
        XCTAssertFalse(sync.stdout.contains("новых изменений нет"), sync.stdout)
        XCTAssertTrue(sync.stdout.hasPrefix("записано в папку обмена для управления образования: 1 изменённая запись; файл s001-"), sync.stdout)
    }

    /// A district restored from a backup taken before «Гимназия № 4» was enrolled keeps her enrolled,
    /// and the receipt said so by her code alone («…остались подключёнными (…): s004»): the
    /// methodologist knows the school by its name. It names her, the code beside; --json keeps codes.
    func testARestoreNamesTheSchoolsEnrolledSinceTheBackup() throws {
        let w = try CLIWorld(schools: ["s001"])
        let file = w.scratch.path("district.backup").path
        expectOK(try w.district("backup", "--out", file))
        expectOK(try w.district("enroll", "--site", "s004", "--name", "Гимназия № 4", "--out", w.scratch.path("s004.enroll").path))
        let r = try w.district(environment: ToolLocale.russian, ["restore", "--from", file])
        expectOK(r)
        XCTAssertTrue(r.stdout.contains("остались подключёнными (их ключи взяты из заменённого реестра): «Гимназия № 4» (s004)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("полная пересылка заказана для 2 школ («Школа s001» (s001), «Гимназия № 4» (s004))"), r.stdout)
    }

    func testBackupAndRestoreSayTheirReceiptsInRussian() throws {
        var run = Run(ToolLocale.russian)
        try run.everyday()
        let file = run.scratch.path("копия.db").path
        try run.tool("backup", "mentorsync-school", ["backup", "--out", file], home: "school")
        XCTAssertNotNil(run.text("backup").range(of: "резервная копия s001 записана в \(file): [0-9,]+ (КБ|МБ|байт[а]?), [0-9]+ строк", options: .regularExpression), run.text("backup"))
        try run.tool("restore", "mentorsync-school", ["restore", "--from", file], home: "school")
        XCTAssertTrue(run.text("restore").contains("восстановлен из \(file) (целостность в порядке)"), run.text("restore"))
        // What the methodologist is asked for is named as her page names it (she does not type commands).
        XCTAssertTrue(run.text("restore").contains("дальше: попросите методиста управления образования запросить для школы полную пересылку (страница «Школы» → «Запросить полную пересылку»"), run.text("restore"))
        XCTAssertFalse(run.text("restore").contains("Лэмпорта"), run.text("restore"))
        // Her status after the restore says what the next sync does, not that the district asked for it.
        let status = try ToolRunner.run("mentorsync-school", ["status", "--home", run.scratch.path("school").path], environment: ToolLocale.russian)
        let flat = status.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        XCTAssertFalse(flat.contains("управление образования просит прислать всё заново"), status.stdout)
        XCTAssertTrue(flat.contains("следующий обмен отправит управлению образования все данные школы и попросит у него полную копию"), status.stdout)
        try run.tool("sync after restore", "mentorsync-school", ["sync", "--share", run.scratch.path("stick").path], home: "school")
        XCTAssertTrue(run.text("sync after restore").contains("— полная копия всех данных школы, как положено после восстановления"), run.text("sync after restore"))
        try run.tool("resync", "mentorsync-district", ["resync", "--site", "s001"], home: "district")
        XCTAssertTrue(run.text("resync").hasPrefix("для школы «Лицей № 1» (s001) заказана полная пересылка"), "the school by its name: \(run.text("resync"))")
    }

    func testReceiptsStayInEnglishUnderTheCLocale() throws {
        var run = Run(ToolLocale.english)
        try run.everyday()
        XCTAssertTrue(run.text("init").contains("district 'Управление образования г. Дубна' (site district) created in"), run.text("init"))
        XCTAssertTrue(run.text("enroll").contains("enrolled s001 — Лицей № 1"), run.text("enroll"))
        XCTAssertTrue(run.text("school init").contains("next: mentorsync-school sync --share"), run.text("school init"))
        // A folder that is neither a stick nor a network folder: the file is written there, not sent.
        XCTAssertTrue(run.text("sync").contains("written to the exchange folder for the district: 2 changed rows in s001-"), run.text("sync"))
        XCTAssertFalse(run.text("sync").contains("take the stick"), run.text("sync"))
        XCTAssertFalse(run.text("sync").contains("sent before"), run.text("sync"))
        XCTAssertTrue(run.text("sync again").hasPrefix("nothing new to send: the district confirmed it has all your changes; file s001-"), run.text("sync again"))
        XCTAssertTrue(run.text("sync").contains("no reply from the district on this share yet"), run.text("sync"))
        XCTAssertTrue(run.text("ingest").contains("merged 1 bundle (2 rows changed, 0 conflicts, 0 rows refused)"), run.text("ingest"))
        XCTAssertTrue(run.text("sync again").contains("received 1 reply: "), run.text("sync again"))
        for text in run.out.values { XCTAssertNil(text.range(of: "[А-Яа-я]+ (пакет|ответ|строк)", options: .regularExpression), text) }
    }
}
