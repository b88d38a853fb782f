import MentorSyncCLI
import MentorSyncTestSupport

extension CapturedOutput {
    /// A console whose two streams land here, for commands called in-process.
    var console: Console { Console(out: { [self] in writeOut($0) }, err: { [self] in writeErr($0) }) }
}
