import Foundation
import MentorSyncDomain
import MentorSyncEngine

/// A home one of the tools opens: the district's or a school's.
protocol ToolHome {
    static func open(_ home: URL) throws -> Self
    var replica: Replica { get }
}

extension DistrictHome: ToolHome {}
extension SchoolHome: ToolHome {}

/// What the two tools' commands share: parsing their arguments and opening their home.
protocol ToolCommands {
    associatedtype Home: ToolHome
    static var tool: String { get }
}

extension ToolCommands {
    static func parse(_ argv: [String], _ options: Set<String> = [], _ flags: Set<String> = []) throws -> Arguments {
        try CommandRunner.parse(argv, options, flags)
    }

    /// Opens the home; capture found off and re-armed on the way is told on stderr, once.
    static func open(_ args: Arguments, _ console: Console) throws -> Home {
        let home = try Home.open(homeURL(args))
        CaptureNotice.tell(home.replica, tool: tool, console)
        return home
    }
}

extension DistrictCLI: ToolCommands { typealias Home = DistrictHome }
extension SchoolCLI: ToolCommands { typealias Home = SchoolHome }
