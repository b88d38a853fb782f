import Foundation
import MentorSyncCLI

exit(DistrictCLI.main(Array(CommandLine.arguments.dropFirst())))
