/// Errors about homes, enrollment files, values and files people name (HomeError and its throw sites).
extension Message {
    public static func notAHome(_ path: String) -> Message {
        Message("home.not_a_home",
                en: "\(path) holds no mentorsync registry; run init first (a school: mentorsync-school init --enroll FILE, the file the district gave; the district: mentorsync-district init --name NAME) or pass the registry's folder: --home FOLDER",
                ru: "в папке \(path) нет реестра mentorsync; сначала выполните init (школа: mentorsync-school init --enroll ФАЙЛ — файл подключения, который дало управление образования; район: mentorsync-district init --name НАЗВАНИЕ) или укажите папку реестра: --home ПАПКА")
    }
    public static func alreadyExists(_ path: String) -> Message {
        Message("home.already_exists", en: "\(path) already holds a registry; refusing to overwrite it",
                ru: "\(path) уже содержит реестр; перезаписывать его нельзя")
    }
    public static func wrongHome(_ path: String, isSchools: Bool) -> Message {
        Message("home.wrong_home",
                en: isSchools ? "\(path) is a school's home, not the district's; pass the district's folder with --home"
                              : "\(path) is the district's home, not a school's; pass the school's folder with --home",
                ru: isSchools ? "\(path) — папка школы, а не управления образования; укажите папку управления: --home"
                              : "\(path) — папка управления образования, а не школы; укажите папку школы: --home")
    }
    public static func badEnrollment(_ why: Message) -> Message {
        Message("home.bad_enrollment", en: "enrollment file refused: \(why.english)", ru: "файл подключения не принят: \(why.russian)")
    }
    public static let enrollmentBadKey = Message("home.enrollment_bad_key", en: "its key is not 64 hex digits",
                                                 ru: "ключ в нём — не 64 шестнадцатеричные цифры")
    public static func enrollmentUnreadable(_ path: String) -> Message {
        Message("home.enrollment_unreadable", en: "cannot read \(path)", ru: "не удалось прочитать \(path)")
    }
    public static func enrollmentNotOne(_ file: String) -> Message {
        Message("home.enrollment_not_one", en: "\(file) is not a mentorsync enrollment file", ru: "\(file) — не файл подключения mentorsync")
    }
    public static func enrollmentOlder(issued: String, installed: String) -> Message {
        Message("home.enrollment_older",
                en: "it was issued \(issued.prefix(10)), before the one installed here (\(installed.prefix(10))); install the newest file the district gave",
                ru: "он выдан \(RowNames.russianDate(String(issued.prefix(10)))), раньше установленного (\(RowNames.russianDate(String(installed.prefix(10))))); установите самый новый файл от управления образования")
    }
    public static func enrollmentVersion(_ v: Int) -> Message {
        Message("home.enrollment_version", en: "enrollment format version \(v) is not supported; upgrade mentorsync",
                ru: "версия формата файла подключения \(v) не поддерживается; обновите mentorsync")
    }
    public static func enrollmentOtherSchool(_ site: String, of district: String, home: String, of homeDistrict: String) -> Message {
        Message("home.enrollment_other_school",
                en: "it is for \(site) of \(district), but this home is \(site == home ? site : home) of \(homeDistrict)",
                ru: "он для школы \(site) управления \(district), а эта папка — школы \(home) управления \(homeDistrict)")
    }
    public static func notEnrolled(_ site: String) -> Message {
        Message("home.not_enrolled", en: "school '\(site)' is not enrolled here; enroll it first",
                ru: "школа «\(site)» здесь не подключена; сначала подключите её: enroll")
    }
    public static func ownSiteID(_ site: String) -> Message {
        Message("home.own_site_id", en: "'\(site)' is the district's own site id; choose another for the school",
                ru: "«\(site)» — код самого управления образования; выберите для школы другой")
    }
    public static func cannotCreate(_ path: String, _ reason: String) -> Message {
        Message("home.cannot_create", en: "cannot create \(path): \(reason)", ru: "не удалось создать \(path): \(reason)")
    }
    public static func cannotOpen(_ path: String, _ reason: String) -> Message {
        Message("home.cannot_open", en: "cannot open \(path): \(reason)", ru: "не удалось открыть \(path): \(reason)")
    }
    public static func daemonRunning(_ home: String, pid: String) -> Message {
        Message("home.daemon_running",
                en: "another mentorsync-district serve is already running for \(home) (pid \(pid)); stop it first",
                ru: "для \(home) уже работает другая служба mentorsync-district serve (pid \(pid)); сначала остановите её")
    }
    public static func cannotPrepareShare(_ path: String, _ reason: String) -> Message {
        Message("home.cannot_prepare_share", en: "cannot prepare \(path) as a share: \(reason)",
                ru: "не удалось подготовить \(path) как общую папку: \(reason)")
    }
}

/// Values people type that are not what the column takes (ValueParser, ValueLimits, editor, import).
extension Message {
    public static func valueRequired(_ context: EntryContext) -> Message {
        Message("value.required", en: "\(context.en) must not be empty", ru: "\(context.ru): поле не может быть пустым")
    }
    public static func notAWholeNumber(_ context: EntryContext, _ text: String) -> Message {
        Message("value.not_whole", en: "\(context.en): '\(text)' is not a whole number", ru: "\(context.ru): «\(text)» — не целое число")
    }
    public static func notYesOrNo(_ context: EntryContext, _ text: String) -> Message {
        Message("value.not_yes_no", en: "\(context.en): '\(text)' — expected yes or no", ru: "\(context.ru): «\(text)» — нужно «да» или «нет»")
    }
    public static func outsideRange(_ context: EntryContext, _ v: Int64, _ low: Int64, _ high: Int64) -> Message {
        Message("value.outside", en: "\(context.en): \(v) is outside \(low)..\(high)", ru: "\(context.ru): \(v) — вне допустимого диапазона \(low)…\(high)")
    }
    public static func notANumber(_ context: EntryContext, _ text: String) -> Message {
        Message("value.not_number", en: "\(context.en): '\(text)' is not a number", ru: "\(context.ru): «\(text)» — не число")
    }
    public static func valueTooLarge(_ context: EntryContext, size: String, limit: String) -> Message {
        Message("value.too_large",
                en: "\(context.en) is \(size), more than the \(limit) a value may hold to reach the district; shorten it (keep scans outside the registry)",
                ru: "\(context.ru): \(size) — больше, чем \(limit), которые значение может занимать, чтобы дойти до управления образования; сократите его (сканы храните вне реестра)")
    }
    public static func deleteReferenced(_ table: String, name: String, referring: [(table: String, rows: Int)]) -> Message {
        let en = referring.map { "\($0.table) (\($0.rows))" }.joined(separator: ", ")
        let ru = referring.map { "«\(tableTitle($0.table).russian)» (\($0.rows))" }.joined(separator: ", ")
        let leftEn = table == "persons" ? "; someone who left is not deleted: set the date they left (left_on)" : ""
        let leftRu = table == "persons" ? "; если человек выбыл, не удаляйте его, а укажите дату выбытия" : ""
        return Message("registry.delete_referenced",
                       en: "'\(name)' is not deleted: rows name it in \(en); delete or change those first\(leftEn)",
                       ru: "запись «\(name)» не удалена: на неё ссылаются \(ru); сначала удалите или измените их\(leftRu)")
    }
    public static func noRowWithID(_ table: String, _ id: String) -> Message {
        Message("registry.no_row_with_id", en: "no \(table) row with id \(id)", ru: "в таблице «\(tableTitle(table).russian)» нет записи с кодом \(id)")
    }
    public static func newRowNeedsOwner(_ table: String) -> Message {
        Message("import.needs_owner", en: "a new \(table) row needs the school that owns it: add an org_id column",
                ru: "новой записи таблицы «\(tableTitle(table).russian)» нужна школа-владелец: добавьте столбец «Код организации» (org_id)")
    }
    public static func importOnlyOwnRows(owner: String, site: String) -> Message {
        Message("import.only_own_rows", en: "org_id is '\(owner)': this school (\(site)) may import only its own rows",
                ru: "код организации «\(owner)»: эта школа (\(site)) может загружать только свои записи")
    }
    public static func importMissingRequired(_ table: String, _ column: String) -> Message {
        Message("import.missing_required", en: "\(table).\(column) is required for a new row, and the file has no \(column) column",
                ru: "для новой записи нужно поле «\(columnTitle(column, table: table).russian)», а в файле нет такого столбца (заголовок «\(columnTitle(column, table: table).russian)» или \(column))")
    }
    public static func unknownColumn(_ column: String) -> Message {
        Message("value.unknown_column", en: "unknown column \(column)", ru: "нет поля «\(column)»")
    }
    /// `export-csv TABLE список.ods`: a spreadsheet format the program reads but does not write.
    public static func exportFormatNotWritten(_ ext: String) -> Message {
        Message("file.export_format_not_written",
                en: "a list is written as an Excel workbook (.xlsx, which LibreOffice opens too) or as CSV (.csv), not as .\(ext): name the file so; nothing was written",
                ru: "список записывается книгой Excel (.xlsx — её открывает и LibreOffice) или CSV (.csv), а не .\(ext): назовите файл так; ничего не записано")
    }

    public static func outputIsFolder(_ path: String) -> Message {
        Message("file.output_is_folder", en: "\(path) is a folder: give the name of the CSV file to write",
                ru: "\(path) — это папка: укажите имя файла, который нужно записать")
    }
    public static func folderMissing(_ path: String) -> Message {
        Message("file.folder_missing", en: "the folder \(path) does not exist", ru: "папки \(path) не существует")
    }
    public static func cannotWrite(_ path: String, _ reason: String) -> Message {
        Message("file.cannot_write", en: "cannot write \(path): \(reason)", ru: "не удалось записать \(path): \(reason)")
    }

    /// A school's code that is no site id (`enroll --site`, the web's «Подключить школу»); a code typed
    /// in Cyrillic («с023» looks like one) is told so. `example`: a code that is free.
    public static func badSchoolCode(_ s: String, example: String = "s017") -> Message {
        let cyrillic = s.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }
        return Message("home.bad_school_code",
                       en: cyrillic ? "site id '\(s)' has Cyrillic letters: type it in Latin letters — 1 to 32 lowercase letters, digits, '-' or '_' (for example \(example))"
                                    : "site id '\(s)' is not valid: use 1 to 32 lowercase letters, digits, '-' or '_' (for example \(example))",
                       ru: cyrillic ? "код «\(s)» не подходит: в нём русские буквы, а код набирают латиницей — от 1 до 32 строчных латинских букв, цифр, «-» или «_» (например \(example))"
                                    : "код «\(s)» не подходит: от 1 до 32 строчных латинских букв, цифр, «-» или «_» (например \(example))")
    }
}
