/// A school computer's first start in the browser: the page that takes the enrollment file.
extension Message {
    public static let webSetupTitle = Message("web.setup.title", en: "Connect the school", ru: "Подключение школы")
    public static let webSetupWhy = Message("web.setup.why",
        en: "This computer is not connected to the district yet. Choose the enrollment file the district gave the school (a file ending in .enrollment or .enroll, on a stick or in an e-mail) and press «Connect»: the school's registry is made here, and the district sends it the school's data at the first exchange.",
        ru: "Этот компьютер ещё не подключён к управлению образования. Выберите файл подключения, который управление образования передало школе (файл с окончанием .enrollment или .enroll — на флешке или в письме), и нажмите «Подключить»: здесь будет создан реестр школы, а данные школы управление образования пришлёт при первом обмене.")
    public static let webSetupButton = Message("web.setup.button", en: "Connect", ru: "Подключить")
    public static func webSetupFolder(_ path: String) -> Message {
        Message("web.setup.folder", en: "The registry will be kept in \(path).", ru: "Реестр будет храниться в папке \(path).")
    }
    public static func webSetupOnlyHere(_ path: String) -> Message {
        Message("web.setup.only_here",
                en: "\(path) holds no registry yet: set the school up on this computer first (the web app on 127.0.0.1, or mentorsync-school init --enroll FILE), then serve other computers",
                ru: "в папке \(path) ещё нет реестра: сначала подключите школу на этом компьютере (веб-приложение на 127.0.0.1 или mentorsync-school init --enroll ФАЙЛ), потом открывайте его другим компьютерам")
    }
    /// What the school does with the file the district's enrollment page gives, said for people
    /// who use the browser: the first page of a new school computer's web app takes it; a school
    /// enrolled again installs it on its status page. The command is there for whoever installs.
    public static func webAtTheSchool(_ file: String, again: Bool) -> Message {
        again ? Message("web.enroll.at_the_school_again",
                        en: "At the school: «Status» → «A new enrollment file» in its web app, choose \(file) and press «Install» (the school's data stays). On a new computer the web app's first page takes it (or: mentorsync-school init --enroll \(file)).",
                        ru: "В школе: «Состояние» → «Новый файл подключения» в её веб-приложении, выберите \(file) и нажмите «Установить» (данные школы останутся). На новом компьютере файл принимает первая страница веб-приложения (или: mentorsync-school init --enroll \(file)).")
              : Message("web.enroll.at_the_school",
                        en: "At the school: open mentorsync in the browser on the school's computer (http://127.0.0.1:8470), choose \(file) on the page «Connect the school» and press «Connect» (or: mentorsync-school init --enroll \(file)).",
                        ru: "В школе: откройте mentorsync в браузере на компьютере школы (http://127.0.0.1:8470), выберите \(file) на странице «Подключение школы» и нажмите «Подключить» (или: mentorsync-school init --enroll \(file)).")
    }
}
