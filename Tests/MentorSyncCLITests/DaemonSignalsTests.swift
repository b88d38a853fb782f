import Dispatch
import Foundation
import XCTest
@testable import MentorSyncCLI
import MentorSyncDomain

/// The daemon's signals are held from the moment `install` returns. libdispatch takes a signal over
/// on its own thread some time after a source is resumed; until then the signal was ignored — a
/// SIGTERM sent by `systemctl stop` (or a test) while the machine was busy was lost, and the daemon
/// merged on as if never asked to stop. (SIGUSR2 here: nothing else in the test process uses it.)
final class DaemonSignalsTests: XCTestCase {
    func testASignalSentTheMomentInstallReturnsStopsTheDaemon() throws {
        let stop = StopFlag()
        let sources = DaemonSignals.install(stop: stop, log: .silent, signals: [(SIGUSR2, "USR2")])
        defer { sources.forEach { $0.cancel() } }
        XCTAssertTrue(SignalSources.handled(SIGUSR2), "the signal is not taken over yet: sent now, it would be ignored")
        kill(getpid(), SIGUSR2)
        stop.wait(seconds: 30)
        XCTAssertTrue(stop.isSet, "the signal was lost")
    }
}
