import Foundation
import MentorSyncCLI

exit(SchoolCLI.main(Array(CommandLine.arguments.dropFirst())))
