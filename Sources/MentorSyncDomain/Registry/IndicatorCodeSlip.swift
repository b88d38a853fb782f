import MentorSyncEngine

/// A row of the district's `indicators` whose code is a slip of a code the report computes
/// («teachers_under35», «Plans_Done») is refused where it is entered (`put`, the form, a list): its
/// target was kept and never used, the list saying «В отчёте: нет». A code of the district's own —
/// an indicator of its roadmap measured by hand, «dubna_15» — is no slip and is taken, and rows
/// that come in bundles are not looked at. Nor is the code of a row the report reads changed to
/// another (her target of 40% fell back to the roadmap's 100% without a word).
enum IndicatorCodeSlip {
    static func check(_ t: TableSchema, touches: ([String]) -> Bool, stored: (String) throws -> DatabaseValue?,
                      _ value: (String) throws -> DatabaseValue?) throws {
        guard t.name == "indicators", touches(["code"]), let code = try value("code")?.text, IndicatorCode(rawValue: code) == nil else { return }
        if let was = try stored("code")?.text.flatMap(IndicatorCode.init(rawValue:)) {
            throw MessageError(.indicatorCodeKept(code, was: was))
        }
        let typed = Array(code.lowercased().trimmingCharacters(in: .whitespaces).map { $0 == "-" || $0 == " " ? "_" : $0 })
        guard let meant = IndicatorCode.allCases.first(where: { NameLookup.editDistance(typed, Array($0.rawValue), limit: 2) != nil }) else { return }
        throw MessageError(.indicatorCodeSlip(code, meant: meant))
    }
}

extension Message {
    static func indicatorCodeKept(_ code: String, was: IndicatorCode) -> Message {
        Message("registry.indicator_code_kept",
                en: "the code “\(was.rawValue)” is how the report finds this target (indicator \(was.number)) and is not changed to “\(code)”: change the target here, and add an indicator of the district's own as a new row",
                ru: "код «\(was.rawValue)» — по нему отчёт находит эту цель (показатель \(was.number): \(was.title)), и на «\(code)» он не меняется: цель меняйте в этой строке, а свой показатель управления добавьте новой строкой")
    }

    static func indicatorCodeSlip(_ code: String, meant: IndicatorCode) -> Message {
        Message("registry.indicator_code_slip",
                en: "the code “\(code)” is close to the report's “\(meant.rawValue)” (indicator \(meant.number)) but is not it: a target under it would never reach the report; write “\(meant.rawValue)”, or give an indicator of the district's own a code unlike the report's",
                ru: "код «\(code)» похож на код показателя отчёта «\(meant.rawValue)» (показатель \(meant.number): \(meant.title)), но не совпадает с ним, и цель с ним в отчёт не войдёт: впишите «\(meant.rawValue)», а своему показателю управления дайте код, не похожий на коды отчёта")
    }
}
