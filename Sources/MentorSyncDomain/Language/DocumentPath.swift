import Foundation

/// Where a page of the documentation (Deploy/*.md) is on this machine, for a message that points to
/// it: installed beside the programs ($PREFIX/share/doc/mentorsync/, as Deploy/install.sh puts it),
/// else as the source tree names it.
enum DocumentPath {
    static func of(_ page: String) -> String {
        if let program = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            let installed = program.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("share/doc/mentorsync/\(page)")
            if FileManager.default.fileExists(atPath: installed.path) { return installed.path }
        }
        return "Deploy/\(page)"
    }
}
