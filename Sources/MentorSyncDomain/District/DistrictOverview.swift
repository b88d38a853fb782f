import Foundation
import MentorSyncEngine

extension DistrictHome {
    /// What `status` says about the district as a whole before its schools: the headline (schools,
    /// open conflicts, quarantined bundles), then bundles waiting for a newer program and a share
    /// the daemon cannot use. The one source for `mentorsync-district status` and the web dashboard.
    public func overview(schools: Int) throws -> [Message] {
        let quarantined = Share.bundles(in: quarantine).count
        var lines = [Message.districtStatusHeadline(name: name, schools: schools, conflicts: try conflicts().count, quarantined: quarantined)]
        if let waiting = try setting(DistrictIngest.newerSchemaSetting) { lines.append(.waitingForUpgrade(waiting, schema: replica.schema.version)) }
        if let problem = try setting("share_problem") { lines.append(.shareProblem(problem)) }
        return lines
    }
}
