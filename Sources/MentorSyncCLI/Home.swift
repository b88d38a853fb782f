import Foundation

/// The home folder of a command: `--home DIR`, else `$MENTORSYNC_HOME`, else the current directory.
func homeURL(_ args: Arguments) -> URL {
    if let h = args.value("home") { return URL(fileURLWithPath: h).standardizedFileURL }
    if let h = ProcessInfo.processInfo.environment["MENTORSYNC_HOME"], !h.isEmpty { return URL(fileURLWithPath: h).standardizedFileURL }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
}

func fileURL(_ path: String) -> URL { URL(fileURLWithPath: path).standardizedFileURL }
