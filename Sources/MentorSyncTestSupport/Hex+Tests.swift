import MentorSyncEngine

extension Hex {
    /// Bytes from hex digits as RFCs and NIST print them: any case, with spaces, line breaks or
    /// colons between. Test vectors are constants, so a typo in one stops the run at once.
    public static func bytes(_ text: String) -> [UInt8] {
        guard let bytes = Hex.decode(String(text.filter { !$0.isWhitespace && $0 != ":" })) else {
            preconditionFailure("not hex digits: \(text.prefix(60))")
        }
        return bytes
    }
}
