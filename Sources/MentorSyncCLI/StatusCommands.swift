import Foundation
import MentorSyncDomain
import MentorSyncEngine

/// `status` of both tools: names instead of ids, local times, and the advice (from the domain, the
/// same the web app shows) wrapped to the terminal, never cut. `--json` is the machine's and stays as it is.
enum StatusCommands {
    static func district(_ args: Arguments, _ home: DistrictHome, tool: String, _ console: Console) throws {
        let schools = try home.status()
        let openConflicts = try home.conflicts().count
        let quarantined = Share.bundles(in: home.quarantine).count
        let shareProblem = try home.setting("share_problem")
        let waitingForUpgrade = try home.setting(DistrictIngest.newerSchemaSetting)
        if args.has("json") {
            console.json(["district": home.site.rawValue, "name": home.name, "schema_version": home.replica.schema.version,
                          "schools": schools.map(\.json),
                          "open_conflicts": openConflicts, "quarantined_bundles": quarantined,
                          "share_problem": shareProblem ?? NSNull(), "waiting_for_upgrade": waitingForUpgrade ?? NSNull(),
                          "advice": waitingForUpgrade == nil ? NSNull() : "upgrade the district"])
            return
        }
        for line in try home.overview(schools: schools.count) { console.paragraph(line.text()) }
        guard !schools.isEmpty else { console.paragraph(Message.noSchoolsYet(tool).text()); return }
        console.out("")
        let skew = schools.contains { $0.clockSkewDays != nil }
        let columns = Message.statusSchoolColumns.map { $0.text() }
        console.table(skew ? columns : Array(columns.dropLast()), schools.map { s in
            let row = [s.name, s.site, s.lastBundleAt.map { LocalTime.readable($0) } ?? Message.never.text(),
                       // A revoked school is sent nothing: what it has not got is no backlog.
                       s.daysSinceContact.map(String.init) ?? "—", String(s.rows), s.revoked ? "—" : String(s.unacknowledged), String(s.openConflicts)]
            return skew ? row + [s.clockSkewDays.map { Message.skewDays($0).text() } ?? ""] : row
        })
        console.paragraph(Message.unackedLegend.text())
        console.out("")
        console.out(Message.adviceHeading.text())
        // The schools with something to do, each by name; those with nothing, by name when one, else counted.
        let fine = schools.filter(\.isOK)
        for s in schools.filter({ !$0.isOK }) + (fine.count == 1 ? fine : []) {
            console.paragraph(Message.schoolAdviceLine(name: s.name, site: s.site, advice: s.adviceMessage).text(), first: "  ", indent: "    ")
        }
        if fine.count > 1 { console.paragraph(Message.schoolsAllWell(fine.count, others: fine.count < schools.count).text(), first: "  ", indent: "    ") }
        if schools.contains(where: \.advisesConflicts) { console.paragraph(Message.conflictsListHint.text()) }
        let refused = try home.recentRefusals()
        if !refused.lines.isEmpty {
            console.out("")
            console.out(Message.recentRefusalsHeading(shown: refused.lines.count, total: refused.total).text())
            for line in refused.lines { console.paragraph(line.text(), first: "  ", indent: "    ") }
        }
    }

    static func school(_ args: Arguments, _ home: SchoolHome, _ console: Console) throws {
        let s = try home.status()
        let agenda = try home.agenda(shownRows: args.has("all") ? nil : AgendaItem.shownRows)
        if args.has("json") { console.json(s.json.merging(["agenda": agenda.map(\.json)]) { $1 }); return }
        console.paragraph(Message.schoolStatusHeadline(name: s.name, site: s.site, district: s.districtName).text())
        console.paragraph(Message.schoolLastExchange(export: s.lastExportAt, reply: s.lastImportAt).text())
        console.paragraph(Message.schoolRowCounts(s.rowsByTable).text())
        for advice in s.advice() { console.paragraph(advice.text()) }
        for c in s.commands.prefix(5) { console.paragraph(Message.commandCarriedOut(c.name, bundle: c.bundle, at: c.at).text()) }
        let corrections = try home.lastCorrections()
        if !corrections.isEmpty { console.paragraph(Message.correctionsHeading.text()) }
        for line in corrections { console.paragraph(line, first: "  ", indent: "    ") }
        // What the registry asks of her (the web app's home page shows the same).
        guard !agenda.isEmpty else { return }
        console.paragraph(Message.agendaHeading.text() + ":")
        for item in agenda { console.paragraph(item.line(.current), first: "  ", indent: "    ") }
        if agenda.contains(where: { $0.unnamed > 0 }) { console.paragraph(Message.agendaAllHint.text()) }
    }
}
