/// A number with its noun in the right form. Russian has three: one (1, 21, 101), few (2–4, 22–24)
/// and many (0, 5–20, 11–14, 25…): 1 пакет, 2 пакета, 5 пакетов, 11 пакетов.
public enum Plural {
    /// The Russian form for `n` (also fits verbs and adjectives: «принят 1 ответ», «принято 5 ответов»).
    public static func ru(_ n: Int, _ one: String, _ few: String, _ many: String) -> String {
        let (last, lastTwo) = (abs(n) % 10, abs(n) % 100)
        if (11...14).contains(lastTwo) { return many }
        if last == 1 { return one }
        return (2...4).contains(last) ? few : many
    }

    /// `5 пакетов`.
    public static func ru(count n: Int, _ one: String, _ few: String, _ many: String) -> String {
        "\(n) \(ru(n, one, few, many))"
    }

    /// `1 bundle`, `2 bundles`.
    public static func en(count n: Int, _ one: String, _ other: String) -> String {
        "\(n) \(n == 1 ? one : other)"
    }
}

extension String {
    /// A line of a list said as a sentence or a heading: its first letter a capital («нет плана…» → «Нет плана…»).
    public var sentenceCased: String { prefix(1).uppercased() + dropFirst() }
}
