/// Messages of settling conflicts (`conflicts resolve`).
extension Message {
    public static func resolveUsage(_ tool: String) -> Message {
        Message("conflicts.resolve_usage",
                en: "conflicts resolve ID --keep mine|theirs, or conflicts resolve ID --value TEXT (one of them)",
                ru: "conflicts resolve ID --keep mine|theirs или conflicts resolve ID --value ТЕКСТ (что-то одно)")
    }

    public static func resolveBadKeep(_ word: String, tool: String) -> Message {
        Message("conflicts.resolve_bad_keep",
                en: "--keep takes mine (the district's value) or theirs (the value it lost), not '\(word)'; to type a value use --value TEXT; nothing was changed",
                ru: "--keep принимает mine (значение района) или theirs (проигравшее значение), а не «\(word)»; чтобы ввести значение, используйте --value ТЕКСТ; ничего не изменено")
    }
}
