import MentorSyncEngine

/// A row of the district's `indicators` whose code is a slip of a code the report computes
/// («teachers_under35», «Plans_Done») is refused where it is entered (`put`, the form, a list): its
/// target was kept and never used, the list saying «В отчёте: нет». A code of the district's own —
/// an indicator of its roadmap measured by hand, «dubna_15» — is no slip and is taken, and rows
/// that come in bundles are not looked at. Nor is the code of a row the report reads changed to
/// another (her target of 40% fell back to the roadmap's 100% without a word).
enum IndicatorCodeSlip {
    static func check(_ t: TableSchema, database: Database, row: String?, touches: ([String]) -> Bool,
                      stored: (String) throws -> DatabaseValue?, _ value: (String) throws -> DatabaseValue?) throws {
        guard t.name == "indicators", touches(["code"]), let code = try value("code")?.text else { return }
        if let was = try stored("code")?.text.flatMap(IndicatorCode.init(rawValue:)), was.rawValue != code {
            throw MessageError(.indicatorCodeKept(code, was: was))
        }
        if let report = IndicatorCode(rawValue: code) {
            // One row a report code: a second one's target was used or not by the order of ids.
            guard try database.scalar("SELECT 1 FROM indicators WHERE code = ? AND id <> ?", [.text(code), .text(row ?? "")]) == nil else {
                throw MessageError(.indicatorCodeTwice(report))
            }
            return
        }
        // A slip: a letter or a separator off, in other case; a number of its own (teachers_under_30)
        // is another indicator of the district's.
        let typed = Array(code.lowercased().trimmingCharacters(in: .whitespaces).map { $0 == "-" || $0 == " " ? "_" : $0 })
        guard let meant = IndicatorCode.allCases.first(where: {
            typed.filter(\.isNumber) == Array($0.rawValue).filter(\.isNumber) && NameLookup.editDistance(typed, Array($0.rawValue), limit: 1) != nil
        }) else { return }
        throw MessageError(.indicatorCodeSlip(code, meant: meant))
    }
}

extension Message {
    static func indicatorCodeKept(_ code: String, was: IndicatorCode) -> Message {
        Message("registry.indicator_code_kept",
                en: "the code “\(was.rawValue)” is how the report finds this target (indicator \(was.number)) and is not changed to “\(code)”: change the target here, and add an indicator of the district's own as a new row",
                ru: "код «\(was.rawValue)» — по нему отчёт находит эту цель (показатель \(was.number): \(was.title)), и на «\(code)» он не меняется: цель меняйте в этой строке, а свой показатель управления добавьте новой строкой")
    }

    static func indicatorCodeTwice(_ code: IndicatorCode) -> Message {
        Message("registry.indicator_code_twice",
                en: "a target for “\(code.rawValue)” (indicator \(code.number)) is set in another row already: change it there",
                ru: "цель показателя «\(code.rawValue)» (показатель \(code.number): \(code.title)) уже задана в другой строке: измените её там")
    }

    static func indicatorCodeSlip(_ code: String, meant: IndicatorCode) -> Message {
        Message("registry.indicator_code_slip",
                en: "the code “\(code)” is close to the report's “\(meant.rawValue)” (indicator \(meant.number)) but is not it: a target under it would never reach the report; write “\(meant.rawValue)”, or give an indicator of the district's own a code unlike the report's",
                ru: "код «\(code)» похож на код показателя отчёта «\(meant.rawValue)» (показатель \(meant.number): \(meant.title)), но не совпадает с ним, и цель с ним в отчёт не войдёт: впишите «\(meant.rawValue)», а своему показателю управления дайте код, не похожий на коды отчёта")
    }
}
