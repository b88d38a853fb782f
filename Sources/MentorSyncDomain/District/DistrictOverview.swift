import Foundation
import MentorSyncEngine

extension DistrictHome {
    /// What `status` says about the district as a whole before its schools: the headline (schools,
    /// open conflicts, quarantined bundles), then bundles waiting for a newer program and a share
    /// the daemon cannot use. The one source for `mentorsync-district status` and the web dashboard.
    public func overview(schools: Int) throws -> [Message] {
        let quarantined = recentlyQuarantined()
        var lines = [Message.districtStatusHeadline(name: name, schools: schools, conflicts: try conflicts().count, quarantined: quarantined)]
        if let waiting = try setting(DistrictIngest.newerSchemaSetting) { lines.append(.waitingForUpgrade(waiting, schema: replica.schema.version)) }
        if let problem = try setting("share_problem") { lines.append(.shareProblem(problem)) }
        return lines
    }

    /// The bundles set aside in quarantine in the last `days` days (when its note was written, else the
    /// file's own date), as the list of refusals below the headline counts them: the headline said
    /// every file ever quarantined, a number that only grew and that nothing in her pages lowers.
    func recentlyQuarantined(days: Int = 60, now: Date = Date()) -> Int {
        let since = now.addingTimeInterval(-Double(days) * 86400)
        func date(_ url: URL) -> Date? { (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date }
        return Share.bundles(in: quarantine).filter { bundle in
            (date(URL(fileURLWithPath: bundle.path + ".reason.txt")) ?? date(bundle)).map { $0 > since } ?? true
        }.count
    }
}
