import MentorSyncDomain

/// Help for the web app's commands, shared by both tools.
extension CommandHelp {
    static func web(district: Bool) -> CommandHelp {
        CommandHelp("web", "web [--listen HOST:PORT] [--allow-host NAME]",
            district ? summary("web", en: "serve the web app (prints its URL, runs until stopped)", ru: "запустить веб-приложение (печатает адрес, работает до остановки)")
                     : summary("web_school", en: "serve the web app (prints its URL, runs until stopped); on an empty home folder its first page sets the school up from its enrollment file",
                               ru: "запустить веб-приложение (печатает адрес, работает до остановки); в пустой папке реестра его первая страница подключает школу по файлу подключения"), [
                option("--listen HOST:PORT", "web_listen", en: "the address to listen on (default 127.0.0.1:\(district ? 8471 : 8470)); any other than loopback needs web-password",
                       ru: "адрес (по умолчанию 127.0.0.1:\(district ? 8471 : 8470)); внешний адрес требует web-password"),
                option("--allow-host NAME", "web_allow_host", en: "a host name the browser may use besides the address (comma-separated)",
                       ru: "имя узла, которое может использовать браузер, кроме адреса (через запятую)"),
            ])
    }

    static let webPassword = CommandHelp("web-password", "web-password --user NAME",
        summary("web_password", en: "set a web app password, read as one line from stdin", ru: "задать пароль веб-приложения (одна строка со стандартного входа)"), [
            option("--user NAME", "web_user", en: "the user name to log in with", ru: "имя пользователя для входа"),
        ])
}
