import Foundation
import MentorSyncEngine

/// How the district takes files from a share: leftovers of killed writers swept, anything that is
/// not a plain file (a link, a pipe, a folder) left alone and reported, each bundle claimed by a
/// rename and copied into the home before it is read, and the work of dead processes taken up.
extension DistrictIngest {
    // MARK: The share's hygiene

    /// Removes temporary files killed writers left on the share and in the home (after an hour without a write).
    func sweep(_ share: Share, into outcome: inout Outcome) {
        for name in share.sweepTemporaryFiles(olderThan: staleTemporarySeconds) {
            outcome.swept.append(name)
            log.event("temporary_removed", ["file": name])
        }
        for dir in [home.url, home.quarantine] {
            for name in DurableFile.sweepStale(in: dir, olderThan: staleTemporarySeconds) {
                log.event("temporary_removed", ["file": dir.appendingPathComponent(name).path])
            }
        }
    }

    /// Reports something on the share that is left alone (in the outcome every pass, in the log once).
    func refuse(_ r: Share.Refusal, into outcome: inout Outcome) {
        outcome.refused.append(r)
        if reported.insert(r).inserted { log.event("share_item_refused", ["path": r.path, "reason": r.englishReason]) }
    }

    // MARK: Claiming

    static let host: String = {
        var buf = [CChar](repeating: 0, count: 256)
        gethostname(&buf, 255)
        let bytes = buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        let name = String(decoding: bytes, as: UTF8.self).filter { $0.isLetter || $0.isNumber || $0 == "-" }
        return name.isEmpty ? "host" : name
    }()

    /// Takes a file out of the inbox atomically (a rename), so no other daemon or `ingest` merges it too,
    /// then copies it into this process's work folder and removes it from the share.
    func claim(_ file: URL, into outcome: inout Outcome) throws -> URL? {
        let share = file.deletingLastPathComponent()
        switch claimByMove(file) {
        case .moved(let local): return local
        case .gone: return nil  // someone else was faster
        case .copy: break
        }
        // A copy costs the district what the file's size says, and a hostile file up to a bundle's
        // bound (5 GB; sparse, nothing to its planter) would end in quarantine/ — again at each
        // planting, until the disk is full. Larger than `copyLimit`, no school's bundle, it is left
        // where it is and said, as a file larger than any bundle is.
        if let facts = FileFacts.of(file) {
            if facts.size > Self.copyLimit {
                refuse(Share.Refusal(path: file.path, message: .tooLargeToCopy(bytes: facts.size, limit: Self.copyLimit)), into: &outcome)
                return nil
            }
            // Mostly holes (a sparse file: its planter wrote nothing, its copy would be written whole):
            // a bundle is written byte by byte, and encrypted bytes do not compress on any file system.
            if facts.isMostlyHoles(file) {
                refuse(Share.Refusal(path: file.path, message: .sparseNotABundle(bytes: facts.size)), into: &outcome)
                return nil
            }
        }
        let claimedName = ".\(file.lastPathComponent).claimed-\(DistrictIngest.host)-\(ProcessInfo.processInfo.processIdentifier)"
        let claimed = file.deletingLastPathComponent().appendingPathComponent(claimedName)
        guard rename(file.path, claimed.path) == 0 else {
            let code = errno
            // A write-protected stick or a read-only mount: nothing can be taken, and the pass says so.
            if code == EROFS { throw MessageError(.readOnlyShare(share.path)) }
            if code == EACCES || code == EPERM { throw MessageError(.shareNotWritable(share.path)) }
            return nil  // someone else was faster
        }
        let local = workDir.appendingPathComponent(file.lastPathComponent)
        do {
            try RegularFile.copy(claimed, to: local, maxBytes: Self.copyLimit)
            try FileManager.default.removeItem(at: claimed)
            return local
        } catch {
            // Put it back for the next pass; nothing is lost.
            _ = rename(claimed.path, file.path)
            try? FileManager.default.removeItem(at: local)
            let reason = DistrictIngest.isNoSpace(error) ? "the district's disk is full" : "cannot copy from the share: \(error.localizedDescription)"
            outcome.retryLater.append((file.lastPathComponent, reason))
            log.event("bundle_retry", ["file": file.lastPathComponent, "reason": reason])
            return nil
        }
    }

    enum MoveClaim { case moved(URL), gone, copy }

    /// The largest file the district copies from a share (Protocol/file-drop.md): 256 MiB, nine
    /// times a first load of 500,000 rows (28 MB) and hundreds of times what a school sends. A file it
    /// can take by a rename (its own, on its file system) is not copied, and has no such bound.
    public static let copyLimit = 256 << 20

    /// When the share and the home are on one file system (the district's own shared folder), one
    /// rename both claims a bundle and brings it home: no copy, no new file. Taken only for a plain
    /// file of this user's with no other name (through another name it could still be changed);
    /// anything else, and a share on another file system, is copied as before. Either way the merge
    /// reads the file once and checks its authenticator over the very bytes it merges, so a file
    /// swapped between the check and the rename is refused, never merged unchecked.
    func claimByMove(_ file: URL) -> MoveClaim {
        var st = stat()
        guard lstat(file.path, &st) == 0 else { return errno == ENOENT ? .gone : .copy }
        guard st.st_mode & S_IFMT == S_IFREG, st.st_nlink == 1, st.st_uid == geteuid() else { return .copy }
        let local = workDir.appendingPathComponent(file.lastPathComponent)
        guard rename(file.path, local.path) == 0 else { return errno == ENOENT ? .gone : .copy }
        return .moved(local)
    }

    static func isNoSpace(_ error: Error) -> Bool {
        let code = DurableFile.posixCode(error)
        return code == ENOSPC || code == EDQUOT
    }

    /// A claim whose claimer is gone goes back under its own name: at once when the claimer was a
    /// process of this machine that no longer runs, after an hour otherwise (another machine's).
    func restoreStaleClaims(in inbox: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: inbox.path)) ?? []
        for name in names where name.hasPrefix(".") && name.contains(".msync.claimed-") {
            let url = inbox.appendingPathComponent(name)
            guard let marker = name.range(of: ".claimed-"), let facts = FileFacts.of(url) else { continue }
            let claimer = name[marker.upperBound...]
            // By when it was claimed (the rename sets the inode's change time), not the file's own time.
            var stale = Date().timeIntervalSince(facts.lastChange) > 3600
            if claimer.hasPrefix(DistrictIngest.host + "-"), let pid = Int32(claimer.dropFirst(DistrictIngest.host.count + 1)),
               pid != ProcessInfo.processInfo.processIdentifier, kill(pid, 0) != 0 && errno == ESRCH {
                stale = true
            }
            guard stale else { continue }
            let original = String(name.dropFirst().prefix(upTo: marker.lowerBound))
            // The claimer died before it removed the claimed file, so its work copy may be cut short:
            // the share's copy is the whole one, and it goes back under its name.
            if claimer.hasPrefix(DistrictIngest.host + "-") {
                let pid = String(claimer.dropFirst(DistrictIngest.host.count + 1))
                try? FileManager.default.removeItem(at: home.work.appendingPathComponent(pid).appendingPathComponent(original))
            }
            if rename(url.path, inbox.appendingPathComponent(original).path) == 0 {
                log.event("claim_restored", ["file": original, "claimer": String(claimer)])
            }
        }
    }

    /// Bundles left in the work folders of processes that died mid-merge are merged again
    /// (merging is idempotent; the interrupted transaction was rolled back).
    func recoverAbandonedWork(into outcome: inout Outcome, senders: inout Set<SiteID>) throws {
        // This process's own leftovers first: a merge that had to wait (a full disk) is retried.
        for file in Share.bundles(in: workDir) {
            log.event("bundle_retrying", ["file": file.lastPathComponent])
            if let s = process(file, name: file.lastPathComponent, into: &outcome) { senders.insert(s) }
        }
        let dirs = (try? FileManager.default.contentsOfDirectory(atPath: home.work.path)) ?? []
        for d in dirs {
            guard let pid = Int32(d), pid != ProcessInfo.processInfo.processIdentifier, kill(pid, 0) != 0 && errno == ESRCH else { continue }
            let dir = home.work.appendingPathComponent(d)
            for file in Share.bundles(in: dir) {
                let mine = workDir.appendingPathComponent(file.lastPathComponent)
                guard rename(file.path, mine.path) == 0 else { continue }
                log.event("bundle_recovered", ["file": file.lastPathComponent])
                if let s = process(mine, name: file.lastPathComponent, into: &outcome) { senders.insert(s) }
            }
            try? FileManager.default.removeItem(at: dir)
        }
    }
}
