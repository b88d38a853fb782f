import MentorSyncEngine

/// Why a bundle could not be read or merged (`BundleError`), as the person at the school or the
/// district reads it. The English is the engine's own text; log lines keep the engine's text.
extension Message {
    /// `quarantined`: the file was moved to the district's quarantine already (a refusal listed, a
    /// receipt of ingest): not to be removed from a folder by hand, and nothing of a school's is lost.
    public static func bundleError(_ e: BundleError, quarantined: Bool = false) -> Message {
        var en = e.description
        let ru: String
        switch e {
        case .notABundle(let why):
            ru = "это не пакет mentorsync: \(russianNotABundle(why, quarantined: quarantined))"
            if quarantined { en += "; it was set aside, nothing to do: a school that sent it sends all its changes again with its next file" }
        case .unsupportedFormat(let v): ru = "формат пакета версии \(v) новее, чем понимает эта программа; обновите mentorsync"
        case .malformed(let why): ru = "пакет испорчен: \(why)"
        case .limitExceeded(let why): ru = "пакет превышает предел безопасности: \(why)"
        case .damaged(let why): ru = "пакет повреждён или записан не до конца (\(russianDamage(why))); ничего не потеряно: школа пришлёт эти изменения снова со следующим файлом"
        case .badSignature(let sender): ru = "подпись не совпадает с ключом, выданным \(sender); подключите школу заново или проверьте флешку"
        case .unknownSender(let sender):
            ru = "пакет от школы «\(sender)», а такая школа здесь не подключена: он ничего не изменил — если это ваша школа, подключите её на странице «Подключить школу» (enroll), иначе передайте файл её управлению образования"
        case .misaddressed(let recipient, let expected):
            ru = "пакет адресован другому управлению образования («\(recipient)»), а не этому («\(expected)»): он попал сюда по ошибке и ничего здесь не изменил — передайте его туда, куда он адресован"
        case .unsupportedSchema(let v, let supported): ru = "пакет использует схему реестра версии \(v), новее, чем \(supported) у этой программы; обновите mentorsync"
        case .revoked(let sender, let since):
            ru = "школа \(sender) отключена \(RowNames.russianDate(String(since.prefix(10)))), её пакеты не принимаются; если её компьютер снова в безопасности, подключите школу заново и установите там новый файл подключения"
        case .expiredKey(let sender, let until):
            ru = "пакет подписан прежним ключом \(sender), который не принимается с \(until.prefix(10)); установите в школе новый файл подключения: в программе школы «Состояние» → «Новый файл подключения» (или mentorsync-school rekey --enroll ФАЙЛ)"
        case .revokedKey(let sender, let on):
            ru = "пакет подписан ключом, который был у школы \(sender), когда её отключили \(RowNames.russianDate(String(on.prefix(10)))): это файл с потерянного или украденного компьютера — или школа ещё не установила новый файл подключения (в программе школы «Состояние» → «Новый файл подключения»)"
        case .io(let why): ru = "не удалось прочитать или записать пакет: \(why)"
        }
        return Message("bundle.\(e.code)", en: en, ru: ru)
    }

    /// A reply the school cannot read whole (`BundleError.damaged`): the district writes it again.
    public static func replyDamaged(_ e: BundleError) -> Message {
        guard case .damaged(let why) = e else { return bundleError(e) }
        return Message("bundle.reply_damaged",
                       en: "the district's reply is damaged or incomplete (\(why)); nothing of yours is lost: the district writes the reply anew when it next takes your files",
                       ru: "ответ управления образования повреждён или записан не до конца (\(russianDamage(why))); ваши данные не пострадали: управление образования запишет ответ заново, когда снова примет ваши файлы")
    }

    /// A reason recorded or received as the engine's English line, in the reader's language when it
    /// is one of a bundle's errors (`BundleError`); otherwise as it was written.
    public static func reason(_ text: String, quarantined: Bool = false) -> Message {
        if let e = BundleError(description: text) { return .bundleError(e, quarantined: quarantined) }
        return Message("reason.as_written", en: text, ru: text)
    }

    /// Why a file is not a bundle, in Russian (the engine's words otherwise).
    static func russianNotABundle(_ why: String, quarantined: Bool = false) -> String {
        // Moved to quarantine already: nothing to remove, and a school's changes come again with its next file.
        let advice = quarantined ? "делать ничего не нужно: если его прислала школа, её следующий обмен привезёт все её изменения заново"
                                 : "уберите его из папки"
        for (suffix, ru) in [(" does not start with the bundle signature", "начинается не так, как пакет: это файл другой программы или испорченный; \(advice)"),
                             (" is not a regular file", "это не обычный файл (папка или ссылка); \(advice)")] where why.hasSuffix(suffix) {
            return "«\(why.dropLast(suffix.count))» \(ru)"
        }
        return why
    }

    /// What is wrong with a damaged bundle, in Russian (the engine's words otherwise).
    static func russianDamage(_ why: String) -> String {
        guard let d = BundleError.Damage(text: why) else { return why }
        switch d {
        case .shorterThanHeader: return "файл короче, чем сказано в его заголовке"
        case .headerCut: return "заголовок обрезан"
        case .tooShortForBody: return "файл слишком короткий для своих данных"
        case .bodyEndsEarly: return "сжатые данные обрываются"
        case .corruptBody: return "сжатые данные испорчены: " + why.dropFirst(d.text.count)
        case .endedWhileReading: return "файл закончился при чтении"
        case .noEndMarker: return "нет метки конца файла"
        case .checksum: return "контрольная сумма не сходится"
        }
    }

    /// A reply written before the school's new enrollment file was issued (signed with the key it replaced).
    public static let replyBeforeRekey = Message("school.reply_before_rekey",
        en: "written before this school's new enrollment file, with the key it replaced: left alone, nothing to do; the district's next reply is signed with the new key",
        ru: "записан до нового файла подключения школы и подписан прежним ключом: пропущен, делать ничего не нужно; следующий ответ управления образования будет подписан новым ключом")

    public static let replyOtherKey = Message("school.reply_other_key",
        en: "signed with a key this school does not have; if the district re-enrolled the school, install its new enrollment file with 'mentorsync-school rekey --enroll FILE'",
        ru: "подписан ключом, которого у этой школы нет; если управление образования подключило школу заново, установите новый файл подключения: mentorsync-school rekey --enroll ФАЙЛ")
}
