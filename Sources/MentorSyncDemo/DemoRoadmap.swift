import MentorSyncDomain

/// The reference data of the demo, taken from the source documents (../shared/seeds): the Dubna
/// roadmap's events and effectiveness indicators, the DDT goals, and a school's own roadmap.
enum DemoRoadmap {
    /// A date of the school year: September–December of its first year, January–August of the next;
    /// `before` puts an August date before the year begins.
    struct YearDay { var month: Int; var day: Int; var before = false }

    struct Event {
        var code: String
        var section: String
        var title: String
        var result: String
        var starts: YearDay?
        var ends: YearDay?
        var schedule: String?
        var responsible: String
    }

    /// The municipal roadmap (Dubna 2024-2025, shortened).
    static let districtEvents: [Event] = [
        Event(code: "1.1.1", section: "1. Правовое и управленческое регулирование внедрения ЦМН",
              title: "Корректировка состава рабочей группы по реализации целевой модели наставничества",
              result: "Повышение эффективности координации деятельности ОО", starts: .init(month: 8, day: 22, before: true),
              ends: .init(month: 8, day: 31, before: true), responsible: "директор ЦРО"),
        Event(code: "1.1.2", section: "1. Правовое и управленческое регулирование внедрения ЦМН",
              title: "Утверждение муниципальной дорожной карты реализации целевой модели наставничества",
              result: "Муниципальная дорожная карта утверждена", starts: .init(month: 8, day: 22, before: true),
              ends: .init(month: 9, day: 10), responsible: "директор ЦРО"),
        Event(code: "1.2.1", section: "1. Правовое и управленческое регулирование внедрения ЦМН",
              title: "Определение муниципального координатора по реализации целевой модели наставничества",
              result: "Назначен муниципальный координатор", starts: .init(month: 8, day: 22, before: true),
              ends: .init(month: 8, day: 31, before: true), responsible: "директор ЦРО"),
        Event(code: "1.3.1", section: "1. Правовое и управленческое регулирование внедрения ЦМН",
              title: "Анализ материально-технических ресурсов", result: "Определены ресурсы и их дефициты",
              starts: .init(month: 8, day: 22, before: true), ends: .init(month: 9, day: 15), responsible: "ЦРО, ОО"),
        Event(code: "2.1", section: "2. Организационно-методическое сопровождение внедрения МЦМН",
              title: "Постоянно действующий семинар «Школа молодого учителя»",
              result: "Повышение профессиональной компетентности молодых и начинающих педагогов",
              starts: .init(month: 9, day: 15), ends: .init(month: 5, day: 31), schedule: "в течение года",
              responsible: "методист УМО ЦРО"),
        Event(code: "2.2", section: "2. Организационно-методическое сопровождение внедрения МЦМН",
              title: "Методический практикум «Организация методического сопровождения наставляемых региональными и муниципальными методистами»",
              result: "Развитие эффективности методического сопровождения наставляемых",
              starts: .init(month: 11, day: 12), ends: .init(month: 11, day: 12), responsible: "директор ЦРО"),
        Event(code: "2.3", section: "2. Организационно-методическое сопровождение внедрения МЦМН",
              title: "Инструктивно-методическое совещание с руководителями ОО «Эффективные практики реализации наставничества»",
              result: "Представление и распространение лучших практик", starts: .init(month: 10, day: 8),
              ends: .init(month: 10, day: 8), responsible: "начальник УМО ЦРО"),
        Event(code: "2.4", section: "2. Организационно-методическое сопровождение внедрения МЦМН",
              title: "Создание информационных и учебно-методических материалов по вопросам внедрения МЦМН",
              result: "Материалы размещены на сайте ЦРО", starts: .init(month: 9, day: 1), ends: .init(month: 6, day: 30),
              schedule: "в течение периода", responsible: "методист ОИОТ ЦРО"),
        Event(code: "3.1", section: "3. Реализация программ наставничества в ОО",
              title: "Участие руководителей ОО в обучающих (консультативных) мероприятиях по реализации ЦМН",
              result: "Участие в семинарах, вебинарах, консультациях", starts: .init(month: 9, day: 1),
              ends: .init(month: 5, day: 31), schedule: "в течение периода", responsible: "ЦРО, ОО"),
        Event(code: "3.2", section: "3. Реализация программ наставничества в ОО",
              title: "Реализация программ наставничества различных форм в общеобразовательных организациях",
              result: "Программы наставничества реализуются согласно плану", starts: .init(month: 9, day: 1),
              ends: .init(month: 8, day: 31), schedule: "в течение периода", responsible: "ЦРО, ОО"),
        Event(code: "3.4", section: "3. Реализация программ наставничества в ОО",
              title: "Серия совещаний с региональными методистами по работе в цифровом кабинете методиста",
              result: "Повышение эффективности работы региональных методистов", starts: .init(month: 11, day: 1),
              ends: .init(month: 3, day: 31), schedule: "ноябрь, январь, март", responsible: "директор ЦРО"),
        Event(code: "3.5", section: "3. Реализация программ наставничества в ОО",
              title: "Совещания с образовательными организациями — участниками внедрения МЦМН",
              result: "Анализ промежуточного состояния внедрения МЦМН", starts: .init(month: 12, day: 1),
              ends: .init(month: 4, day: 30), schedule: "декабрь, апрель", responsible: "ЦРО, ОО"),
        Event(code: "4.2", section: "4. Формирование базы наставляемых и наставников",
              title: "Организация сбора данных о наставляемых и наставниках", result: "Сформирована база наставляемых и наставников",
              starts: .init(month: 9, day: 1), ends: .init(month: 9, day: 15), schedule: "ежегодно, до 15 сентября",
              responsible: "методист УМО ЦРО"),
        Event(code: "4.3", section: "4. Формирование базы наставляемых и наставников",
              title: "Изучение профессиональных запросов наставляемых и наставников посредством анкетирования",
              result: "Сформирован перечень запросов", starts: .init(month: 9, day: 1), ends: .init(month: 9, day: 30),
              schedule: "ежегодно, до 30 сентября", responsible: "методист УМО ЦРО"),
        Event(code: "4.4", section: "4. Формирование базы наставляемых и наставников",
              title: "Обучение наставников и наставляемых", result: "Сформированы необходимые компетенции",
              starts: .init(month: 10, day: 1), ends: .init(month: 4, day: 30), schedule: "в течение периода",
              responsible: "методист УМО ЦРО"),
        Event(code: "5.1", section: "5. Информационное сопровождение и продвижение практики МЦМН",
              title: "Систематическое обновление информации на сайте ЦРО, вкладка «Наставничество»",
              result: "Обеспечена доступность информации о внедрении МЦМН", starts: .init(month: 9, day: 1),
              ends: .init(month: 8, day: 31), schedule: "в течение периода", responsible: "методист ОИОТ ЦРО"),
        Event(code: "5.3", section: "5. Информационное сопровождение и продвижение практики МЦМН",
              title: "Пополнение муниципального банка лучших практик по реализации ЦМН",
              result: "Распространение лучших практик", starts: .init(month: 9, day: 1), ends: .init(month: 6, day: 30),
              schedule: "в течение периода", responsible: "ЦРО, ОО"),
        Event(code: "6.1", section: "6. Аналитическая деятельность. Мониторинг и контроль",
              title: "Анализ деятельности муниципальной системы наставничества", result: "Выявлены пробелы, внесены корректировки",
              starts: .init(month: 6, day: 1), ends: .init(month: 6, day: 30), schedule: "ежегодно", responsible: "директор ЦРО"),
        Event(code: "6.4", section: "6. Аналитическая деятельность. Мониторинг и контроль",
              title: "Участие в мониторинге и оценке эффективности внедрения целевой модели наставничества",
              result: "Оценка эффективности внедрения целевой модели", starts: .init(month: 5, day: 1),
              ends: .init(month: 6, day: 15), responsible: "ЦРО, ОО"),
    ]

    /// A school's own roadmap (after the Zakharvan and DDT plans).
    static let schoolEvents: [Event] = [
        Event(code: "1.1", section: "1. Подготовка условий", title: "Приказ о внедрении целевой модели наставничества в ОО",
              result: "Приказ издан", starts: .init(month: 9, day: 1), ends: .init(month: 9, day: 10), responsible: "директор"),
        Event(code: "1.2", section: "1. Подготовка условий", title: "Формирование рабочей группы и назначение куратора наставничества",
              result: "Рабочая группа создана", starts: .init(month: 9, day: 1), ends: .init(month: 9, day: 20),
              responsible: "заместитель директора по УВР"),
        Event(code: "2.1", section: "2. Формирование баз", title: "Формирование базы наставляемых: анкетирование, выявление дефицитов",
              result: "База наставляемых сформирована", starts: .init(month: 9, day: 5), ends: .init(month: 9, day: 30),
              responsible: "куратор наставничества"),
        Event(code: "3.1", section: "3. Формирование базы наставников", title: "Отбор и обучение наставников",
              result: "Наставники прошли обучение", starts: .init(month: 9, day: 15), ends: .init(month: 10, day: 31),
              responsible: "заместитель директора по УВР"),
        Event(code: "4.1", section: "4. Формирование пар и групп", title: "Встречи-знакомства, формирование наставнических пар и групп",
              result: "Пары и группы сформированы, приказ о закреплении", starts: .init(month: 10, day: 1),
              ends: .init(month: 10, day: 20), responsible: "куратор наставничества"),
        Event(code: "5.1", section: "5. Работа пар и групп", title: "Разработка индивидуальных образовательных маршрутов (ИОМ)",
              result: "ИОМ утверждены", starts: .init(month: 10, day: 10), ends: .init(month: 11, day: 15),
              responsible: "наставники"),
        Event(code: "5.2", section: "5. Работа пар и групп", title: "Промежуточное анкетирование удовлетворённости участников",
              result: "Анкеты собраны и проанализированы", starts: .init(month: 12, day: 15), ends: .init(month: 1, day: 31),
              responsible: "педагог-психолог"),
        Event(code: "6.1", section: "6. Завершение", title: "Итоговая конференция наставников и наставляемых, отбор лучших практик",
              result: "Лучшие практики переданы в муниципальный банк", starts: .init(month: 5, day: 10),
              ends: .init(month: 5, day: 31), responsible: "заместитель директора по УВР"),
        Event(code: "6.2", section: "6. Завершение", title: "Мониторинг эффективности программы наставничества, отчёт в ЦРО",
              result: "Отчёт направлен в ЦРО", starts: .init(month: 6, day: 1), ends: .init(month: 6, day: 20),
              responsible: "куратор наставничества"),
    ]

    struct Indicator {
        var code: String
        var title: String
        var unit: String
        var target: Double?
        var targetText: String
        var formula: String?
    }

    /// The indicators the report computes, with the targets of the sources, then the other Dubna indicators.
    static var indicators: [Indicator] {
        let computed = IndicatorCode.allCases.map { code in
            Indicator(code: code.rawValue, title: code.title, unit: code.unit.rawValue, target: code.defaultTarget,
                      targetText: code.source, formula: formula(code))
        }
        let others: [(String, String, Double, String)] = [
            ("dubna_2", "Доля региональных методистов, эффективно использующих цифровой кабинет методиста", 90, "90% от числа региональных методистов"),
            ("dubna_8", "Доля ОО, вовлечённых в мониторинг деятельности методических объединений", 100, "100%"),
            ("dubna_10", "Доля ОО, вовлечённых в систему выявления кадровых потребностей", 100, "100%"),
            ("dubna_11", "Доля педагогов, включённых в деятельность методических объединений и профессиональных сообществ", 100, "100%"),
            ("dubna_15", "Доля учителей с недопустимым уровнем по РИКУ, повысивших уровень компетенций", 55, "55%"),
        ]
        return computed + others.map { Indicator(code: $0.0, title: $0.1, unit: "percent", target: $0.2, targetText: $0.3, formula: nil) }
    }

    static func formula(_ code: IndicatorCode) -> String {
        switch code {
        case .teachersUnder35: return "педагоги до 35 лет в наставничестве / педагоги до 35 лет × 100%"
        case .teachersUnder3Years: return "педагоги со стажем < 3 лет в наставничестве / педагоги со стажем < 3 лет × 100%"
        case .studentsInMentoring: return "обучающиеся в наставничестве / обучающиеся × 100%"
        case .youngSpecialistsRetained: return "молодые специалисты без выбытия в периоде / молодые специалисты × 100%"
        case .menteesWithPlan: return "наставляемые с ИОМ / наставляемые × 100%"
        case .plansDone: return "выполненные ИОМ / ИОМ периода × 100%"
        case .schoolsWithActivePair: return "школы с действующей парой / школы × 100%"
        case .staffDiagnosed: return "педагоги и управленцы с диагностикой в периоде / педагоги и управленцы × 100%"
        case .diagnosedBasicOrAbove: return "с высоким, повышенным, базовым уровнем / прошедшие диагностику × 100%"
        case .teachersFederalCourse: return "педагоги, освоившие ДПП из федерального реестра в периоде / педагоги × 100%"
        case .teachersInContests: return "число педагогов — участников конкурсов профессионального мастерства"
        case .staffTrainedOnTalents: return "прошедшие подготовку по работе с талантами / педагоги и управленцы × 100%"
        case .staffInPracticeSharing: return "участники мероприятий по распространению практик / педагоги и управленцы × 100%"
        case .staffInProfessionalEvents: return "участники консультаций, круглых столов, мастер-классов, семинаров / педагоги и управленцы × 100%"
        }
    }
}
