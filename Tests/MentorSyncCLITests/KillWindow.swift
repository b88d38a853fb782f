import Foundation
import MentorSyncDemo

/// When a crash test kills its child: at a random moment inside the time an uninterrupted run
/// takes. That time is measured (the calibration run) and then kept up to date with every trial
/// that ran to its end before the kill: on a shared machine a calibration made under load would
/// otherwise spread the kills past the end of later, faster runs, and the trials would stop killing.
struct KillWindow {
    private(set) var seconds: Double

    init(calibration seconds: Double) { self.seconds = seconds }

    /// A moment to kill at, anywhere in the window.
    func delay(_ rng: inout SplitMix64) -> Double {
        Double(rng.below(1_000_000)) / 1_000_000 * seconds
    }

    /// A trial's child ran to its end `seconds` after it started: an uninterrupted run takes no longer.
    mutating func finished(after seconds: Double) { self.seconds = min(self.seconds, seconds) }
}
