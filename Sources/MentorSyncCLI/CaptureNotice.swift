import MentorSyncEngine
import MentorSyncDomain

/// Tells the person running a command that capture had stopped and was re-armed.
enum CaptureNotice {
    static func tell(_ replica: Replica, tool: String, _ console: Console) {
        for r in replica.captureRepairs { console.err("\(tool): " + Message.notice(.captureRepairNotice(r)).text()) }
    }
}
